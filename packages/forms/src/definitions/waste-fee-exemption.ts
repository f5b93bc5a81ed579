import type { FormDefinition } from "../definition.ts";
import { l, MB, personFields, proofField, truthfulnessDeclaration } from "./common.ts";

/** Nárok na osvobození od poplatku za odpad (§ 10g of the law and the town's OZV), with the proof the OZV asks for. */
export const wasteFeeExemption: FormDefinition = {
  id: "waste-fee-exemption",
  version: "1.0.0",
  title: l("Osvobození od poplatku za odpad", "Waste fee exemption"),
  description: l(
    "Uplatnění nároku na osvobození od poplatku za obecní systém odpadového hospodářství.",
    "Claim an exemption from the municipal waste fee.",
  ),
  agenda: "FINANCE",
  effect: "WASTE_FEE_EXEMPTION",
  sendPolicy: { login: true, verifiedIdentity: false },
  maxAttachmentBytes: 20 * MB,
  steps: [
    {
      id: "applicant",
      title: l("Žadatel", "Applicant"),
      fields: personFields({ birthNumber: true }),
    },
    {
      id: "exemption",
      title: l("Osvobození", "Exemption"),
      guide: l(
        "Osvobozeni jsou ze zákona mj. lidé umístění v dětském domově, v domově pro seniory nebo ve výkonu trestu; další důvody stanoví vyhláška obce.",
        "The law exempts e.g. people placed in a children's home, a care home for the elderly or serving a sentence; the town's ordinance may add more.",
      ),
      fields: [
        {
          type: "boolean",
          name: "forSomeoneElse",
          label: l("Žádám za jinou osobu (dítě, opatrovance)", "I apply for another person (a child, a ward)"),
        },
        {
          type: "group",
          name: "person",
          label: l("Osoba, které se osvobození týká", "The person the exemption is for"),
          when: { field: "forSomeoneElse", equals: true },
          fields: [
            { type: "text", name: "fullName", label: l("Jméno a příjmení", "Full name"), required: true, maxLength: 100 },
            { type: "text", name: "birthNumber", label: l("Rodné číslo", "Birth number"), required: true, format: "birthNumber" },
          ],
        },
        {
          type: "choice",
          name: "reason",
          label: l("Důvod osvobození", "Reason for the exemption"),
          required: true,
          options: [
            { value: "CHILDRENS_HOME", label: l("umístění v dětském domově nebo zařízení pro děti", "placed in a children's home") },
            { value: "CARE_HOME", label: l("umístění v domově pro seniory nebo se zvláštním režimem", "placed in a care home") },
            { value: "PRISON", label: l("výkon trestu nebo vazby", "serving a sentence or in custody") },
            { value: "ABROAD", label: l("dlouhodobý pobyt v zahraničí", "living abroad long-term") },
            { value: "OFFICE_ADDRESS", label: l("trvalý pobyt na adrese úřadu", "registered at the town hall's address") },
            { value: "OTHER", label: l("jiný důvod podle vyhlášky obce", "another reason under the town's ordinance") },
          ],
        },
        {
          type: "text",
          name: "otherReason",
          label: l("Popis důvodu", "Describe the reason"),
          required: true,
          multiline: true,
          maxLength: 1000,
          when: { field: "reason", equals: "OTHER" },
        },
        { type: "date", name: "from", label: l("Osvobození od", "Exempt from"), required: true, min: "2000-01-01" },
        { type: "date", name: "until", label: l("Osvobození do", "Exempt until"), min: "2000-01-01" },
        proofField(
          "proof",
          l("Doklad o důvodu osvobození", "Proof of the reason"),
          l(
            "Např. potvrzení zařízení nebo doklad o pobytu v zahraničí (PDF, JPEG nebo PNG, nejvýše 10 MB).",
            "E.g. a confirmation from the facility or proof of residence abroad (PDF, JPEG or PNG, up to 10 MB).",
          ),
          true,
        ),
      ],
    },
    {
      id: "confirm",
      title: l("Prohlášení", "Declaration"),
      fields: [
        { type: "text", name: "note", label: l("Poznámka pro úřad", "Note for the office"), multiline: true, maxLength: 1000 },
        truthfulnessDeclaration,
      ],
    },
  ],
};
