import type { AttachmentField, Field, Localized } from "../definition.ts";

export const l = (cs: string, en: string): Localized => ({ cs, en });

/** Documents people photograph or scan: PDF and the usual photo formats (sniffed from the content). */
export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

export const MB = 1_000_000;

/** The person sending: name and contact from the profile, identification and address as the fee offices need them. */
export function personFields(options: { birthNumber: boolean }): Field[] {
  return [
    { type: "text", name: "fullName", label: l("Jméno a příjmení", "Full name"), required: true, maxLength: 100, prefill: "fullName" },
    ...(options.birthNumber
      ? [
          {
            type: "text",
            name: "birthNumber",
            label: l("Rodné číslo", "Birth number"),
            hint: l("Slouží k jednoznačné identifikaci poplatníka.", "Identifies you as the payer (Czech birth number)."),
            required: true,
            format: "birthNumber",
          } satisfies Field,
        ]
      : []),
    {
      type: "text",
      name: "street",
      label: l("Ulice a číslo popisné", "Street and house number"),
      hint: l("Adresa trvalého pobytu.", "Your registered (permanent) address."),
      required: true,
      maxLength: 120,
    },
    { type: "text", name: "city", label: l("Obec", "Town"), required: true, maxLength: 80 },
    { type: "text", name: "postalCode", label: l("PSČ", "Postal code"), required: true, format: "postalCode" },
    { type: "text", name: "phone", label: l("Telefon", "Phone"), format: "phone", prefill: "phone" },
    { type: "text", name: "email", label: l("E-mail", "E-mail"), required: true, format: "email", prefill: "email" },
  ];
}

export function proofField(name: string, label: Localized, hint: Localized, required = true): AttachmentField {
  return { type: "attachment", name, label, hint, required, maxFiles: 3, maxBytes: 10 * MB, accept: DOCUMENT_TYPES };
}

export const truthfulnessDeclaration: Field = {
  type: "boolean",
  name: "declaration",
  label: l("Prohlašuji, že všechny uvedené údaje jsou pravdivé a úplné.", "I declare that all the information given is true and complete."),
  required: true,
};
