import type { FormDefinition } from "../definition.ts";
import { DOCUMENT_TYPES, l, MB } from "./common.ts";

/** Obecné podání: anything a citizen asks the office, with attachments; the clerk answers, nothing is created. */
export const generalSubmission: FormDefinition = {
  id: "general-submission",
  version: "1.0.0",
  title: l("Obecné podání", "General submission"),
  description: l("Dotaz, žádost nebo oznámení úřadu, i s přílohami.", "A question, request or notice to the office, with attachments."),
  agenda: "SUBMISSIONS",
  effect: "NONE",
  sendPolicy: { login: true, verifiedIdentity: false },
  maxAttachmentBytes: 25 * MB,
  steps: [
    {
      id: "sender",
      title: l("Odesílatel", "Sender"),
      fields: [
        { type: "text", name: "fullName", label: l("Jméno a příjmení", "Full name"), required: true, maxLength: 100, prefill: "fullName" },
        { type: "text", name: "email", label: l("E-mail", "E-mail"), required: true, format: "email", prefill: "email" },
        { type: "text", name: "phone", label: l("Telefon", "Phone"), format: "phone", prefill: "phone" },
        { type: "text", name: "address", label: l("Adresa pro doručení", "Postal address"), maxLength: 200 },
      ],
    },
    {
      id: "matter",
      title: l("Podání", "Your submission"),
      fields: [
        { type: "text", name: "subject", label: l("Věc", "Subject"), required: true, minLength: 3, maxLength: 150 },
        {
          type: "text",
          name: "message",
          label: l("Text podání", "Message"),
          required: true,
          multiline: true,
          minLength: 10,
          maxLength: 4000,
        },
        {
          type: "attachment",
          name: "attachments",
          label: l("Přílohy", "Attachments"),
          hint: l("Nejvýše 5 souborů PDF, JPEG nebo PNG, každý do 10 MB.", "Up to 5 PDF, JPEG or PNG files, each up to 10 MB."),
          maxFiles: 5,
          maxBytes: 10 * MB,
          accept: DOCUMENT_TYPES,
        },
      ],
    },
  ],
};
