import type { FormDefinition } from "../definition.ts";
import { l, MB, personFields, proofField, truthfulnessDeclaration } from "./common.ts";

/** Odhlášení psa: the duty ends (the dog died, was given away, got lost); the year's fee is recalculated. */
export const dogDeregistration: FormDefinition = {
  id: "dog-deregistration",
  version: "1.0.0",
  title: l("Odhlášení psa z poplatku ze psů", "Deregistering a dog from the dog fee"),
  description: l(
    "Ohlášení zániku držení psa (úhyn, darování, ztráta); poplatek za rok se přepočítá.",
    "Report that you no longer keep a dog (died, given away, lost); the year's fee is recalculated.",
  ),
  agenda: "FINANCE",
  effect: "DOG_DEREGISTRATION",
  sendPolicy: { login: true, verifiedIdentity: false },
  maxAttachmentBytes: 20 * MB,
  steps: [
    {
      id: "holder",
      title: l("Držitel psa", "The dog's holder"),
      fields: personFields({ birthNumber: true }),
    },
    {
      id: "dogs",
      title: l("Odhlašovaní psi", "Dogs to deregister"),
      guide: l(
        "Psa poznáme podle čísla čipu, které jste uvedli při přihlášení. Zánik držení ohlaste do 15 dnů.",
        "We find the dog by the chip number you gave when registering it. Report the change within 15 days.",
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
            { type: "text", name: "chipNumber", label: l("Číslo čipu", "Chip number"), required: true, format: "chipNumber" },
            {
              type: "date",
              name: "keptUntil",
              label: l("Držení skončilo dne", "No longer kept since"),
              required: true,
              min: "2000-01-01",
              max: "today",
            },
            {
              type: "choice",
              name: "reason",
              label: l("Důvod", "Reason"),
              required: true,
              options: [
                { value: "DIED", label: l("úhyn", "the dog died") },
                { value: "GIVEN_AWAY", label: l("darování nebo prodej", "given away or sold") },
                { value: "LOST", label: l("ztráta nebo útěk", "lost or ran away") },
                { value: "MOVED_AWAY", label: l("odstěhování z obce", "moved out of the town") },
              ],
            },
            {
              type: "text",
              name: "newHolder",
              label: l("Nový držitel (jméno a adresa)", "New holder (name and address)"),
              required: true,
              maxLength: 200,
              when: { field: "reason", equals: "GIVEN_AWAY" },
            },
          ],
        },
      ],
    },
    {
      id: "confirm",
      title: l("Doklady a prohlášení", "Documents and declaration"),
      fields: [
        proofField(
          "proof",
          l("Doklad", "Document"),
          l("Např. potvrzení veterináře o úhynu nebo darovací smlouva.", "E.g. a vet's confirmation or the deed of gift."),
          false,
        ),
        { type: "text", name: "note", label: l("Poznámka pro úřad", "Note for the office"), multiline: true, maxLength: 1000 },
        truthfulnessDeclaration,
      ],
    },
  ],
};
