// Messages the API itself words (errors, e-mails). The PWA has its own catalogue for UI text;
// `code`s travel with every error so a client may also translate on its own.
export const locales = ["cs", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "cs";

const cs = {
  "error.validation": "Zkontrolujte prosím vyplněné údaje.",
  "error.notFound": "Požadovaný záznam neexistuje.",
  "error.forbidden": "K této akci nemáte oprávnění.",
  "error.unauthenticated": "Přihlaste se prosím.",
  "error.invalidCredentials": "Nesprávný e-mail nebo heslo.",
  "error.tooManyAttempts": "Příliš mnoho neúspěšných pokusů. Zkuste to znovu za {minutes} min.",
  "error.internal": "Nastala neočekávaná chyba. Zkuste to prosím znovu.",
  "field.required": "Vyplňte toto pole.",
  "field.tooLong": "Nejvýše {max} znaků.",
  "field.tooShort": "Alespoň {min} znaků.",
  "field.email": "Zadejte platnou e-mailovou adresu.",
  "field.phone": "Zadejte telefonní číslo, např. +420 601 123 456.",
  "field.passwordWeak": "Heslo musí mít alespoň 10 znaků a nesmí být běžně používané ani obsahovat váš e-mail.",
  "field.passwordTooLong": "Heslo může mít nejvýše 128 znaků.",
  "field.passwordWrong": "Současné heslo není správné.",
  "field.tokenInvalid": "Odkaz je neplatný nebo vypršel. Požádejte o nový.",
  "field.locale": "Nepodporovaný jazyk.",
  "field.emailTaken": "Účet s tímto e-mailem už existuje.",
  "field.invalid": "Neplatná hodnota.",
  "field.ico": "IČO musí mít 8 číslic a platnou kontrolní číslici.",
  "field.bankAccount": "Zadejte číslo účtu ve tvaru předčíslí-číslo/kód banky s platnými kontrolními součty.",
  "field.scope": "Neznámé oprávnění.",
  "field.dateInPast": "Datum musí být v budoucnosti.",
  "field.selfDemotion": "Nemůžete odebrat oprávnění sami sobě.",
  "field.colour": "Zadejte barvu ve tvaru #rrggbb.",
  "field.postalCode": "Zadejte PSČ, např. 582 32.",
  "field.url": "Zadejte adresu začínající https://.",
  "field.bankAccountRequired": "Uveďte alespoň jeden bankovní účet.",
  "field.onePrimaryAccount": "Právě jeden účet musí být hlavní.",
  "field.emailUnverified": "E-mail ještě není potvrzený. Poslali jsme vám nový potvrzovací odkaz, otevřete ho a přihlaste se znovu.",
  "mail.verify.subject": "Potvrďte svůj e-mail – {town}",
  "mail.verify.body":
    "Dobrý den,\n\nděkujeme za registraci na Portálu občana – {town}. Registraci dokončíte otevřením odkazu:\n{link}\n\nOdkaz platí 48 hodin. Pokud jste se neregistrovali, zprávu ignorujte.",
  "mail.exists.subject": "Pokus o registraci – {town}",
  "mail.exists.body":
    "Dobrý den,\n\nněkdo se pokusil zaregistrovat na Portálu občana – {town} s vaším e-mailem, ale účet už máte. Přihlásit se můžete zde:\n{loginLink}\n\nPokud si heslo nepamatujete, obnovte ho zde:\n{resetLink}",
  "mail.reset.subject": "Obnovení hesla – {town}",
  "mail.reset.body":
    "Dobrý den,\n\nnové heslo nastavíte otevřením odkazu:\n{link}\n\nOdkaz platí 1 hodinu. Pokud jste o obnovení hesla nežádali, zprávu ignorujte; vaše heslo zůstává beze změny.",
  "mail.clerkInvite.subject": "Váš účet na Portálu občana – {town}",
  "mail.clerkInvite.body":
    "Dobrý den,\n\nsprávce vám založil účet na Portálu občana – {town}. Heslo si nastavíte otevřením odkazu:\n{link}\n\nOdkaz platí 48 hodin.",
} as const;

export type MessageKey = keyof typeof cs;

const en: Record<MessageKey, string> = {
  "error.validation": "Please check the values you entered.",
  "error.notFound": "The requested record does not exist.",
  "error.forbidden": "You are not allowed to do this.",
  "error.unauthenticated": "Please log in.",
  "error.invalidCredentials": "Wrong e-mail or password.",
  "error.tooManyAttempts": "Too many failed attempts. Try again in {minutes} min.",
  "error.internal": "Something unexpected went wrong. Please try again.",
  "field.required": "This field is required.",
  "field.tooLong": "At most {max} characters.",
  "field.tooShort": "At least {min} characters.",
  "field.email": "Enter a valid e-mail address.",
  "field.phone": "Enter a phone number, e.g. +420 601 123 456.",
  "field.passwordWeak": "The password must have at least 10 characters and must be neither common nor contain your e-mail.",
  "field.passwordTooLong": "The password may have at most 128 characters.",
  "field.passwordWrong": "The current password is not correct.",
  "field.tokenInvalid": "The link is invalid or has expired. Ask for a new one.",
  "field.locale": "Unsupported language.",
  "field.emailTaken": "An account with this e-mail already exists.",
  "field.invalid": "Invalid value.",
  "field.ico": "IČO must have 8 digits and a valid check digit.",
  "field.bankAccount": "Enter the account as prefix-number/bank code with valid checksums.",
  "field.scope": "Unknown permission.",
  "field.dateInPast": "The date must be in the future.",
  "field.selfDemotion": "You cannot remove your own permissions.",
  "field.colour": "Enter a colour as #rrggbb.",
  "field.postalCode": "Enter a postal code, e.g. 582 32.",
  "field.url": "Enter an address starting with https://.",
  "field.bankAccountRequired": "Give at least one bank account.",
  "field.onePrimaryAccount": "Exactly one account must be the main one.",
  "field.emailUnverified": "Your e-mail is not confirmed yet. We have sent you a new confirmation link; open it and log in again.",
  "mail.verify.subject": "Confirm your e-mail – {town}",
  "mail.verify.body":
    "Hello,\n\nthank you for registering at the citizen portal of {town}. Finish your registration by opening this link:\n{link}\n\nThe link is valid for 48 hours. If you did not register, ignore this message.",
  "mail.exists.subject": "Registration attempt – {town}",
  "mail.exists.body":
    "Hello,\n\nsomeone tried to register at the citizen portal of {town} with your e-mail, but you already have an account. Log in here:\n{loginLink}\n\nIf you forgot your password, reset it here:\n{resetLink}",
  "mail.reset.subject": "Password reset – {town}",
  "mail.reset.body":
    "Hello,\n\nset a new password by opening this link:\n{link}\n\nThe link is valid for 1 hour. If you did not ask for a reset, ignore this message; your password stays the same.",
  "mail.clerkInvite.subject": "Your account at the citizen portal – {town}",
  "mail.clerkInvite.body":
    "Hello,\n\nan administrator created an account for you at the citizen portal of {town}. Set your password by opening this link:\n{link}\n\nThe link is valid for 48 hours.",
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { cs, en };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((entry) => isLocale(entry.lang))?.lang as Locale | undefined) ?? defaultLocale;
}
