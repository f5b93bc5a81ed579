import type { FormDefinition } from "../definition.ts";
import { l, personFields, truthfulnessDeclaration } from "./common.ts";

/**
 * Ohlášení k poplatku za obecní systém odpadového hospodářství (zákon č. 565/1990 Sb., § 10b): a person registered
 * in the town (also for the household, as its common representative), or the owner of a flat, house or recreational
 * building in which nobody is registered.
 */
export const wasteFeeRegistration: FormDefinition = {
  id: "waste-fee-registration",
  version: "1.0.0",
  title: l("Přihlášení k poplatku za odpad", "Registering for the waste fee"),
  description: l(
    "Ohlášení vzniku povinnosti platit poplatek za obecní systém odpadového hospodářství, i za domácnost.",
    "Report that you (or your household) are liable for the municipal waste fee.",
  ),
  agenda: "FINANCE",
  effect: "WASTE_FEE_REGISTRATION",
  sendPolicy: { login: true, verifiedIdentity: false },
  steps: [
    {
      id: "payer",
      title: l("Poplatník", "Payer"),
      fields: [
        {
          type: "choice",
          name: "payerType",
          label: l("Poplatek platím jako", "I pay the fee as"),
          required: true,
          options: [
            { value: "RESIDENT", label: l("osoba přihlášená v obci", "a person registered in the town") },
            {
              value: "PROPERTY_OWNER",
              label: l(
                "vlastník bytu, domu nebo rekreačního objektu, ve kterém není nikdo přihlášen",
                "the owner of a flat, house or holiday home in which nobody is registered",
              ),
            },
          ],
        },
        ...personFields({ birthNumber: true }),
        {
          type: "date",
          name: "liableSince",
          label: l("Povinnost vznikla dne", "Liable since"),
          hint: l("Den přihlášení v obci nebo nabytí nemovitosti.", "The day you registered in the town or acquired the property."),
          required: true,
          min: "2000-01-01",
        },
      ],
    },
    {
      id: "property",
      title: l("Nemovitost", "Property"),
      when: { field: "payerType", equals: "PROPERTY_OWNER" },
      fields: [
        {
          type: "choice",
          name: "propertyKind",
          label: l("Druh nemovitosti", "Kind of property"),
          required: true,
          options: [
            { value: "FLAT", label: l("byt", "flat") },
            { value: "HOUSE", label: l("rodinný dům", "house") },
            { value: "RECREATION", label: l("stavba pro rodinnou rekreaci", "holiday home") },
          ],
        },
        {
          type: "text",
          name: "propertyAddress",
          label: l("Adresa nebo číslo evidenční", "Address or registration number"),
          required: true,
          maxLength: 160,
        },
        { type: "text", name: "parcel", label: l("Katastrální území a číslo parcely", "Cadastral area and plot number"), maxLength: 120 },
      ],
    },
    {
      id: "household",
      title: l("Domácnost", "Household"),
      when: { field: "payerType", equals: "RESIDENT" },
      guide: l(
        "Poplatek můžete platit i za další členy domácnosti jako jejich společný zástupce. Uveďte ty, za které budete platit.",
        "You may pay for other members of your household as their common representative. List those you will pay for.",
      ),
      fields: [
        {
          type: "group",
          name: "members",
          label: l("Další členové domácnosti", "Other household members"),
          repeatable: { min: 0, max: 15, itemLabel: l("Člen domácnosti", "Household member") },
          fields: [
            { type: "text", name: "fullName", label: l("Jméno a příjmení", "Full name"), required: true, maxLength: 100 },
            { type: "text", name: "birthNumber", label: l("Rodné číslo", "Birth number"), required: true, format: "birthNumber" },
          ],
        },
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
