import type { Localized } from "./definition.ts";
import { l } from "./definitions/common.ts";
import { findFormDefinition } from "./definitions/index.ts";

/**
 * The public catalogue of life situations (životní situace): what a citizen wants to settle, a guide to it (who it
 * is for, what you need, fees, deadlines, legal basis, what happens next) and the form that settles it. Readable
 * without login; starting the form needs an account (the form's send policy). Fees that depend on the town (the
 * dog fee tariff) are shown from the town's data next to the guide.
 */

export type LifeSituationCategory = "ANIMALS" | "WASTE" | "OFFICE";

export interface LegalReference {
  /** e.g. "zákon č. 565/1990 Sb., o místních poplatcích, § 2". */
  citation: Localized;
}

export interface LifeSituationGuide {
  whoFor: Localized;
  whatYouNeed: readonly Localized[];
  fees: readonly Localized[];
  deadlines: readonly Localized[];
  /** What happens after sending, and how long it takes. */
  afterSending: Localized;
  legalBasis: readonly LegalReference[];
}

export interface LifeSituation {
  /** Readable Czech URL segment: /zivotni-situace/<slug>. */
  slug: string;
  formId: string;
  category: LifeSituationCategory;
  title: Localized;
  summary: Localized;
  /** Extra words people search for (accent-free matching is the caller's). */
  keywords: readonly string[];
  guide: LifeSituationGuide;
}

export const LIFE_SITUATION_CATEGORIES: Record<LifeSituationCategory, Localized> = {
  ANIMALS: l("Domácí zvířata", "Pets"),
  WASTE: l("Odpady", "Waste"),
  OFFICE: l("Obecné podání", "Other matters"),
};

const TAX_CODE = l("zákon č. 280/2009 Sb., daňový řád", "Act No. 280/2009 Coll., the Tax Code");

export const lifeSituations: readonly LifeSituation[] = [
  {
    slug: "prihlaseni-psa",
    formId: "dog-registration",
    category: "ANIMALS",
    title: l("Mám nového psa", "I have a new dog"),
    summary: l(
      "Přihlaste psa staršího 3 měsíců k poplatku ze psů. Po schválení uvidíte poplatek ve svém osobním účtu.",
      "Register a dog older than 3 months for the dog fee. Once approved, the fee appears in your personal account.",
    ),
    keywords: ["pes", "psi", "poplatek ze psu", "cip", "dog", "fee", "chip"],
    guide: {
      whoFor: l(
        "Pro držitele psa staršího 3 měsíců, který je v obci přihlášen k trvalému pobytu (nebo zde má sídlo).",
        "For the holder of a dog older than 3 months who is registered as resident in the town (or has a registered office here).",
      ),
      whatYouNeed: [
        l(
          "číslo čipu psa (15 číslic, z očkovacího průkazu nebo pasu psa)",
          "the dog's chip number (15 digits, from the vaccination record or pet passport)",
        ),
        l("datum narození psa a den, od kdy ho držíte", "the dog's date of birth and the day you started keeping it"),
        l("vaše rodné číslo a adresu trvalého pobytu", "your birth number and registered address"),
        l(
          "pro sníženou sazbu nebo osvobození doklad (rozhodnutí o důchodu, průkaz ZTP/P)",
          "for a reduced rate or an exemption, the proof (pension decision, ZTP/P card)",
        ),
      ],
      fees: [
        l(
          "Sazbu stanoví vyhláška obce: za prvního psa, vyšší za druhého a každého dalšího psa a snížené sazby pro důchodce. Zákon je omezuje na 1 500 Kč a 2 250 Kč ročně (snížené 200 Kč a 300 Kč).",
          "The town's ordinance sets the rates: for the first dog, a higher one for the second and each further dog, and reduced rates for pensioners. The law caps them at CZK 1,500 and 2,250 a year (reduced CZK 200 and 300).",
        ),
        l(
          "Začne-li nebo skončí-li držení psa v průběhu roku, platíte poměrnou část za každý i započatý měsíc.",
          "If you start or stop keeping the dog during the year, you pay a share for each month, started months included.",
        ),
        l("Podání samo je zdarma.", "Sending the form is free of charge."),
      ],
      deadlines: [
        l(
          "Ohlaste psa do 15 dnů ode dne, kdy mu byly 3 měsíce nebo kdy jste ho začali držet.",
          "Report the dog within 15 days of it turning 3 months old or of you starting to keep it.",
        ),
        l(
          "Poplatek je splatný podle vyhlášky obce, obvykle do 31. března.",
          "The fee is due as the town's ordinance says, usually by 31 March.",
        ),
      ],
      afterSending: l(
        "Referent podání zkontroluje, případně si vyžádá doplnění. Po schválení zapíše psa do evidence a poplatek se objeví ve vašem osobním účtu s variabilním symbolem pro platbu. Obvykle do 5 pracovních dnů.",
        "A clerk checks the submission and may ask you for more information. Once approved, the dog is recorded and the fee appears in your personal account with a variable symbol to pay with. Usually within 5 working days.",
      ),
      legalBasis: [
        {
          citation: l(
            "zákon č. 565/1990 Sb., o místních poplatcích, § 2 (poplatek ze psů) a § 14a (ohlašovací povinnost)",
            "Act No. 565/1990 Coll., on Local Fees, § 2 (dog fee) and § 14a (duty to report)",
          ),
        },
        {
          citation: l(
            "obecně závazná vyhláška obce o místním poplatku ze psů",
            "the town's generally binding ordinance on the local dog fee",
          ),
        },
        { citation: TAX_CODE },
      ],
    },
  },
  {
    slug: "odhlaseni-psa",
    formId: "dog-deregistration",
    category: "ANIMALS",
    title: l("Pes uhynul nebo jsem ho daroval", "My dog died or I gave it away"),
    summary: l(
      "Odhlaste psa z poplatku ze psů. Poplatek za letošní rok se přepočítá, přeplatek vám úřad vrátí nebo započte.",
      "Deregister a dog from the dog fee. This year's fee is recalculated; an overpayment is refunded or credited.",
    ),
    keywords: ["pes", "odhlaseni", "uhyn", "darovani", "dog", "deregister"],
    guide: {
      whoFor: l(
        "Pro držitele psa, který psa přestal držet (úhyn, darování, ztráta, odstěhování).",
        "For a dog's holder who no longer keeps it (it died, was given away, got lost, or they moved).",
      ),
      whatYouNeed: [
        l("číslo čipu psa", "the dog's chip number"),
        l("den, kdy držení skončilo", "the day you stopped keeping the dog"),
        l("u darování jméno a adresu nového držitele", "if given away, the new holder's name and address"),
      ],
      fees: [
        l(
          "Odhlášení je zdarma. Poplatek platíte do konce měsíce, ve kterém držení skončilo.",
          "Deregistering is free. You pay the fee up to the end of the month in which you stopped keeping the dog.",
        ),
      ],
      deadlines: [l("Ohlaste zánik držení do 15 dnů.", "Report it within 15 days.")],
      afterSending: l(
        "Referent ukončí záznam psa v evidenci a přepočítá letošní poplatek; změnu uvidíte v osobním účtu.",
        "A clerk ends the dog's record and recalculates this year's fee; you see the change in your personal account.",
      ),
      legalBasis: [
        {
          citation: l(
            "zákon č. 565/1990 Sb., o místních poplatcích, § 2 odst. 5 a § 14a odst. 4",
            "Act No. 565/1990 Coll., on Local Fees, § 2(5) and § 14a(4)",
          ),
        },
        {
          citation: l(
            "obecně závazná vyhláška obce o místním poplatku ze psů",
            "the town's generally binding ordinance on the local dog fee",
          ),
        },
      ],
    },
  },
  {
    slug: "prihlaseni-k-poplatku-za-odpad",
    formId: "waste-fee-registration",
    category: "WASTE",
    title: l("Přistěhoval jsem se nebo mám v obci nemovitost", "I moved here or own property in the town"),
    summary: l(
      "Přihlaste sebe a svou domácnost k poplatku za obecní systém odpadového hospodářství.",
      "Register yourself and your household for the municipal waste fee.",
    ),
    keywords: ["odpad", "popelnice", "poplatek za odpad", "prestehovani", "chata", "waste", "bin"],
    guide: {
      whoFor: l(
        "Pro každého, kdo je v obci přihlášen, a pro vlastníka bytu, domu nebo chaty, ve kterých není nikdo přihlášen.",
        "For everyone registered as resident in the town, and for owners of a flat, house or holiday home in which nobody is registered.",
      ),
      whatYouNeed: [
        l("rodná čísla osob, za které budete platit", "the birth numbers of those you will pay for"),
        l("u nemovitosti její adresu nebo číslo evidenční a parcelu", "for a property, its address or registration number and plot"),
        l("den, kdy povinnost vznikla (přihlášení, koupě)", "the day the duty arose (registration, purchase)"),
      ],
      fees: [
        l(
          "Sazbu na osobu a rok stanoví vyhláška obce; za neúplný rok se platí poměrná část.",
          "The town's ordinance sets the rate per person and year; for part of a year you pay a share.",
        ),
      ],
      deadlines: [l("Ohlaste vznik povinnosti do 15 dnů.", "Report within 15 days of the duty arising.")],
      afterSending: l(
        "Po schválení vám úřad vyměří poplatek; uvidíte ho v osobním účtu.",
        "Once approved, the office assesses the fee; you see it in your personal account.",
      ),
      legalBasis: [
        {
          citation: l(
            "zákon č. 565/1990 Sb., o místních poplatcích, § 10e a násl. a § 14a",
            "Act No. 565/1990 Coll., on Local Fees, § 10e ff. and § 14a",
          ),
        },
        {
          citation: l(
            "obecně závazná vyhláška obce o místním poplatku za obecní systém odpadového hospodářství",
            "the town's generally binding ordinance on the municipal waste fee",
          ),
        },
      ],
    },
  },
  {
    slug: "osvobozeni-od-poplatku-za-odpad",
    formId: "waste-fee-exemption",
    category: "WASTE",
    title: l("Nárok na osvobození od poplatku za odpad", "Claiming a waste fee exemption"),
    summary: l(
      "Uplatněte osvobození (např. pobyt v domově pro seniory nebo dlouhodobě v zahraničí).",
      "Claim an exemption (e.g. living in a care home or abroad long-term).",
    ),
    keywords: ["odpad", "osvobozeni", "sleva", "zahranici", "waste", "exemption"],
    guide: {
      whoFor: l(
        "Pro poplatníka (nebo jeho zákonného zástupce), který splňuje důvod osvobození podle zákona nebo vyhlášky obce.",
        "For a payer (or their legal guardian) who meets a reason for exemption under the law or the town's ordinance.",
      ),
      whatYouNeed: [
        l(
          "doklad o důvodu osvobození (potvrzení zařízení, doklad o pobytu v zahraničí)",
          "proof of the reason (a confirmation from the facility, proof of residence abroad)",
        ),
        l("období, za které osvobození uplatňujete", "the period you claim the exemption for"),
      ],
      fees: [l("Podání je zdarma.", "Sending the form is free of charge.")],
      deadlines: [
        l(
          "Nárok ohlaste do 15 dnů ode dne, kdy vznikl; jinak podle vyhlášky obce zaniká.",
          "Report the claim within 15 days of it arising; otherwise it may lapse under the town's ordinance.",
        ),
      ],
      afterSending: l(
        "Po schválení úřad poplatek sníží nebo zruší; změnu uvidíte v osobním účtu.",
        "Once approved, the office reduces or cancels the fee; you see the change in your personal account.",
      ),
      legalBasis: [
        {
          citation: l(
            "zákon č. 565/1990 Sb., o místních poplatcích, § 10g a § 14a odst. 3 a 6",
            "Act No. 565/1990 Coll., on Local Fees, § 10g and § 14a(3) and (6)",
          ),
        },
        {
          citation: l(
            "obecně závazná vyhláška obce o místním poplatku za obecní systém odpadového hospodářství",
            "the town's generally binding ordinance on the municipal waste fee",
          ),
        },
      ],
    },
  },
  {
    slug: "obecne-podani",
    formId: "general-submission",
    category: "OFFICE",
    title: l("Potřebuji něco jiného vyřídit s úřadem", "I need something else from the office"),
    summary: l(
      "Napište úřadu dotaz, žádost nebo oznámení a přiložte dokumenty.",
      "Send the office a question, request or notice with documents.",
    ),
    keywords: ["podani", "zadost", "dotaz", "podatelna", "request", "question"],
    guide: {
      whoFor: l(
        "Pro každého, kdo potřebuje úřadu něco sdělit a pro svou věc nenašel samostatný formulář.",
        "For anyone who needs to tell the office something and found no specific form for it.",
      ),
      whatYouNeed: [
        l("popis věci", "a description of your matter"),
        l("případné přílohy (nejvýše 5 souborů po 10 MB)", "any attachments (up to 5 files of 10 MB each)"),
      ],
      fees: [
        l(
          "Podání je zdarma; zvláštní úkony mohou podléhat správnímu poplatku.",
          "Sending is free; some acts of the office may carry an administrative fee.",
        ),
      ],
      deadlines: [
        l(
          "Úřad vyřizuje podání bez zbytečného odkladu, nejpozději do 30 dnů.",
          "The office handles submissions without undue delay, at most within 30 days.",
        ),
      ],
      afterSending: l(
        "Podání dostane referent příslušné agendy; odpověď a stav uvidíte v části Moje podání.",
        "A clerk of the right agenda receives it; you see the answer and status under My submissions.",
      ),
      legalBasis: [
        {
          citation: l(
            "zákon č. 500/2004 Sb., správní řád, § 37 (podání)",
            "Act No. 500/2004 Coll., the Administrative Procedure Code, § 37 (submissions)",
          ),
        },
      ],
    },
  },
];

export function findLifeSituation(slug: string): LifeSituation | undefined {
  return lifeSituations.find((situation) => situation.slug === slug);
}

export function lifeSituationForForm(formId: string): LifeSituation | undefined {
  return lifeSituations.find((situation) => situation.formId === formId);
}

/** Each situation's form exists (checked by the package's tests; exported for the API's startup check). */
export function catalogueProblems(): string[] {
  return lifeSituations.filter((situation) => !findFormDefinition(situation.formId)).map((s) => `${s.slug}: no form ${s.formId}`);
}
