import type { FormValues } from "../definition.ts";

/**
 * A complete, valid set of values per built-in form (the demo citizen's data), for demo seeds, tests and the
 * summary snapshots. Attachments are not included: they are files the API must hold.
 */
export const EXAMPLE_VALUES: Record<string, FormValues> = {
  "dog-registration": {
    fullName: "Jana Nováková",
    birthNumber: "885521/0001",
    street: "Na Výsluní 12",
    city: "Lipnice",
    postalCode: "58232",
    phone: "+420 601 123 456",
    email: "obcan@lipnice.example",
    dogs: [
      {
        name: "Alík",
        breed: "Český fousek",
        sex: "MALE",
        birthDate: "2025-11-02",
        chipNumber: "203098100123456",
        keptSince: "2026-02-14",
        exempt: false,
      },
      {
        name: "Bella",
        breed: "Kříženec",
        sex: "FEMALE",
        birthDate: "2021-05-20",
        chipNumber: "203098100654321",
        keptSince: "2026-03-01",
        exempt: false,
      },
    ],
    reducedRate: false,
    declaration: true,
  },
  "dog-deregistration": {
    fullName: "Jana Nováková",
    birthNumber: "885521/0001",
    street: "Na Výsluní 12",
    city: "Lipnice",
    postalCode: "58232",
    email: "obcan@lipnice.example",
    dogs: [
      { name: "Bella", chipNumber: "203098100654321", keptUntil: "2026-06-10", reason: "GIVEN_AWAY", newHolder: "Petr Dvořák, Lipnice 40" },
    ],
    declaration: true,
  },
  "waste-fee-registration": {
    payerType: "RESIDENT",
    fullName: "Jana Nováková",
    birthNumber: "885521/0001",
    street: "Na Výsluní 12",
    city: "Lipnice",
    postalCode: "58232",
    email: "obcan@lipnice.example",
    liableSince: "2026-04-01",
    members: [{ fullName: "Tomáš Novák", birthNumber: "150312/0003" }],
    declaration: true,
  },
  "waste-fee-exemption": {
    fullName: "Jana Nováková",
    birthNumber: "885521/0001",
    street: "Na Výsluní 12",
    city: "Lipnice",
    postalCode: "58232",
    email: "obcan@lipnice.example",
    forSomeoneElse: false,
    reason: "ABROAD",
    from: "2026-09-01",
    until: "2027-06-30",
    declaration: true,
  },
  "general-submission": {
    fullName: "Jana Nováková",
    email: "obcan@lipnice.example",
    phone: "+420 601 123 456",
    subject: "Oprava lavičky v parku",
    message: "Dobrý den, lavička u dětského hřiště v parku má ulomené opěradlo. Děkuji za opravu.",
  },
};
