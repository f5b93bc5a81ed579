import type { FormDefinition } from "../definition.ts";
import { l, MB, personFields, proofField, truthfulnessDeclaration, DOCUMENT_TYPES } from "./common.ts";

/** Ohlášení psa k poplatku ze psů: the holder, the dogs with chip numbers, claims of the reduced rate or exemption. */
export const dogRegistration: FormDefinition = {
  id: "dog-registration",
  version: "1.0.0",
  title: l("Přihlášení psa k poplatku ze psů", "Registering a dog for the dog fee"),
  description: l(
    "Ohlášení držení psa staršího 3 měsíců, čísla čipu a nároku na sníženou sazbu nebo osvobození.",
    "Report a dog older than 3 months, its chip number and any claim to a reduced rate or exemption.",
  ),
  agenda: "FINANCE",
  effect: "DOG_REGISTRATION",
  preview: "dogFee",
  sendPolicy: { login: true, verifiedIdentity: false },
  maxAttachmentBytes: 30 * MB,
  steps: [
    {
      id: "holder",
      title: l("Držitel psa", "The dog's holder"),
      guide: l(
        "Poplatek platí držitel psa, který je v obci přihlášen. Údaje z vašeho profilu jsme předvyplnili.",
        "The fee is paid by the dog's holder registered in the town. We filled in what your profile holds.",
      ),
      fields: personFields({ birthNumber: true }),
    },
    {
      id: "dogs",
      title: l("Psi", "Dogs"),
      guide: l(
        "Uveďte každého psa staršího 3 měsíců. Číslo čipu najdete v očkovacím průkazu nebo v pasu psa (15 číslic).",
        "List every dog older than 3 months. The chip number is in the vaccination record or the pet passport (15 digits).",
      ),
      fields: [
        {
          type: "group",
          name: "dogs",
          label: l("Psi", "Dogs"),
          required: true,
          repeatable: { min: 1, max: 10, itemLabel: l("Pes", "Dog") },
          fields: [
            { type: "text", name: "name", label: l("Jméno psa", "Dog's name"), required: true, maxLength: 60 },
            { type: "text", name: "breed", label: l("Plemeno", "Breed"), required: true, maxLength: 80 },
            {
              type: "choice",
              name: "sex",
              label: l("Pohlaví", "Sex"),
              required: true,
              options: [
                { value: "MALE", label: l("pes", "male") },
                { value: "FEMALE", label: l("fena", "female") },
              ],
            },
            { type: "date", name: "birthDate", label: l("Datum narození psa", "Dog's date of birth"), required: true, max: "today" },
            {
              type: "text",
              name: "chipNumber",
              label: l("Číslo čipu", "Chip number"),
              hint: l("15 číslic podle ISO 11784, např. 203 098 100 123 456.", "15 digits (ISO 11784), e.g. 203 098 100 123 456."),
              required: true,
              format: "chipNumber",
              unique: true,
            },
            {
              type: "date",
              name: "keptSince",
              label: l("Držím psa od", "Kept since"),
              hint: l("Den, kdy jste psa převzali nebo kdy se k vám přistěhoval.", "The day you took the dog or moved in with it."),
              required: true,
              min: "2000-01-01",
              max: "today",
            },
            {
              type: "boolean",
              name: "exempt",
              label: l("Uplatňuji osvobození od poplatku za tohoto psa", "I claim an exemption from the fee for this dog"),
            },
            {
              type: "choice",
              name: "exemptionReason",
              label: l("Důvod osvobození", "Reason for the exemption"),
              required: true,
              when: { field: "exempt", equals: true },
              options: [
                { value: "BLIND", label: l("jsem nevidomá osoba", "I am blind") },
                { value: "HELPLESS", label: l("jsem osoba ve stavu závislosti (bezmocná)", "I am dependent on the help of others") },
                { value: "ZTP_P", label: l("jsem držitel průkazu ZTP/P", "I hold a ZTP/P disability card") },
                { value: "TRAINER", label: l("cvičím psy k doprovodu těchto osob", "I train dogs to accompany these persons") },
                { value: "SHELTER", label: l("provozuji útulek pro zvířata", "I run an animal shelter") },
                { value: "BY_LAW", label: l("držení psa mi ukládá zvláštní předpis", "A law requires me to keep the dog") },
              ],
            },
            {
              ...proofField(
                "exemptionProof",
                l("Doklad k osvobození", "Proof for the exemption"),
                l(
                  "Např. průkaz ZTP/P nebo potvrzení útulku (PDF, JPEG nebo PNG, nejvýše 10 MB).",
                  "E.g. the ZTP/P card or the shelter's confirmation (PDF, JPEG or PNG, up to 10 MB).",
                ),
              ),
              when: { field: "exempt", equals: true },
            },
          ],
        },
      ],
    },
    {
      id: "discounts",
      title: l("Snížená sazba", "Reduced rate"),
      guide: l(
        "Nižší sazbu platí držitel starší 65 let nebo poživatel starobního, invalidního, vdovského či vdoveckého důchodu, který je jeho jediným zdrojem příjmu, a poživatel sirotčího důchodu.",
        "The reduced rate applies to holders over 65, to those whose only income is an old-age, disability, widow's or widower's pension, and to those receiving an orphan's pension.",
      ),
      fields: [
        { type: "boolean", name: "reducedRate", label: l("Uplatňuji sníženou sazbu poplatku", "I claim the reduced rate") },
        {
          type: "choice",
          name: "reducedRateReason",
          label: l("Důvod snížené sazby", "Reason for the reduced rate"),
          required: true,
          when: { field: "reducedRate", equals: true },
          options: [
            { value: "AGE_65", label: l("jsem starší 65 let", "I am over 65") },
            {
              value: "PENSION_ONLY_INCOME",
              label: l("důchod je mým jediným zdrojem příjmu", "A pension is my only income"),
            },
            { value: "ORPHAN_PENSION", label: l("pobírám sirotčí důchod", "I receive an orphan's pension") },
          ],
        },
        {
          type: "attachment",
          name: "pensionProof",
          label: l("Rozhodnutí o přiznání důchodu", "Pension decision"),
          hint: l("PDF, JPEG nebo PNG, nejvýše 10 MB.", "PDF, JPEG or PNG, up to 10 MB."),
          required: true,
          when: { all: [{ field: "reducedRate", equals: true }, { not: { field: "reducedRateReason", equals: "AGE_65" } }] },
          maxFiles: 3,
          maxBytes: 10 * MB,
          accept: DOCUMENT_TYPES,
        },
      ],
    },
    {
      id: "confirm",
      title: l("Prohlášení", "Declaration"),
      fields: [
        {
          type: "text",
          name: "note",
          label: l("Poznámka pro úřad", "Note for the office"),
          multiline: true,
          maxLength: 1000,
        },
        truthfulnessDeclaration,
      ],
    },
  ],
};
