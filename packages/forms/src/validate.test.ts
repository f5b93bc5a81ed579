import { describe, expect, it } from "vitest";
import type { FormDefinition } from "./definition.ts";
import { issueMessage } from "./messages.ts";
import { collectAttachments, validateForm, visibleSteps } from "./validate.ts";
import { draftCompatibility, parseVersion } from "./version.ts";

const l = (cs: string, en = cs) => ({ cs, en });

/** A small dog-registration-like definition: conditions, a repeatable group, Czech formats, attachments. */
const definition: FormDefinition = {
  id: "test-dogs",
  version: "1.2.0",
  title: l("Přihláška psa", "Dog registration"),
  description: l("Test"),
  agenda: "SUBMISSIONS",
  effect: "NONE",
  sendPolicy: { login: true, verifiedIdentity: false },
  steps: [
    {
      id: "owner",
      title: l("Držitel", "Owner"),
      fields: [
        { type: "text", name: "fullName", label: l("Jméno a příjmení", "Full name"), required: true, maxLength: 100, prefill: "fullName" },
        { type: "text", name: "birthNumber", label: l("Rodné číslo", "Birth number"), required: true, format: "birthNumber" },
        { type: "text", name: "phone", label: l("Telefon", "Phone"), format: "phone" },
        { type: "boolean", name: "pensioner", label: l("Jsem poživatel důchodu", "I receive a pension") },
      ],
    },
    {
      id: "dogs",
      title: l("Psi", "Dogs"),
      fields: [
        {
          type: "group",
          name: "dogs",
          label: l("Psi", "Dogs"),
          required: true,
          repeatable: { min: 1, max: 5, itemLabel: l("Pes", "Dog") },
          fields: [
            { type: "text", name: "name", label: l("Jméno psa", "Dog's name"), required: true, maxLength: 50 },
            { type: "text", name: "chipNumber", label: l("Číslo čipu", "Chip number"), required: true, format: "chipNumber" },
            { type: "date", name: "since", label: l("Držen od", "Kept since"), required: true, max: "today" },
          ],
        },
      ],
    },
    {
      id: "pension",
      title: l("Doklad o důchodu", "Proof of pension"),
      when: { field: "pensioner", equals: true },
      fields: [
        {
          type: "attachment",
          name: "proof",
          label: l("Rozhodnutí o důchodu", "Pension decision"),
          required: true,
          maxFiles: 2,
          maxBytes: 5_000_000,
          accept: ["application/pdf", "image/jpeg"],
        },
      ],
    },
  ],
};

const today = "2026-12-06";
const good = {
  fullName: "  Jana Nováková ",
  birthNumber: "7360285163",
  phone: "601123456",
  pensioner: false,
  dogs: [{ name: "Alík", chipNumber: "203 164 000 123 456", since: "2026-05-01" }],
};

describe("validateForm", () => {
  it("accepts good values, normalising them and dropping unknown keys", () => {
    const result = validateForm(definition, { ...good, injected: "<script>", isAdmin: true }, { today });
    expect(result.issues).toEqual([]);
    expect(result.values).toEqual({
      fullName: "Jana Nováková",
      birthNumber: "736028/5163",
      phone: "+420 601 123 456",
      pensioner: false,
      dogs: [{ name: "Alík", chipNumber: "203164000123456", since: "2026-05-01" }],
    });
  });

  it("reports every problem at once with its path and the field's label", () => {
    const result = validateForm(
      definition,
      {
        fullName: "x".repeat(101),
        birthNumber: "7360285164",
        phone: 601123456,
        dogs: [{ name: "", chipNumber: "123", since: "2027-01-01" }, "nope"],
      },
      { today },
    );
    expect(result.issues.map((i) => [i.path, i.code, i.label.en])).toEqual([
      ["fullName", "tooLong", "Full name"],
      ["birthNumber", "format", "Birth number"],
      ["phone", "type", "Phone"],
      ["dogs.0.name", "required", "Dog's name"],
      ["dogs.0.chipNumber", "format", "Chip number"],
      ["dogs.0.since", "max", "Kept since"],
      ["dogs.1.name", "required", "Dog's name"],
      ["dogs.1.chipNumber", "required", "Chip number"],
      ["dogs.1.since", "required", "Kept since"],
    ]);
  });

  it("counts repeatable entries and refuses the wrong type for a list", () => {
    expect(validateForm(definition, { ...good, dogs: [] }, { today }).issues.map((i) => [i.path, i.code])).toEqual([["dogs", "tooFew"]]);
    const six = Array.from({ length: 6 }, () => good.dogs[0]);
    expect(validateForm(definition, { ...good, dogs: six }, { today }).issues.map((i) => [i.path, i.code])).toEqual([["dogs", "tooMany"]]);
    expect(validateForm(definition, { ...good, dogs: "Alík" }, { today }).issues.map((i) => [i.path, i.code])).toEqual([["dogs", "type"]]);
  });

  it("shows a step only when its condition holds, and drops the values of hidden steps", () => {
    const proof = [{ id: "f1", fileName: "duchod.pdf", size: 1000, mimeType: "application/pdf" }];
    expect(visibleSteps(definition, good).map((s) => s.id)).toEqual(["owner", "dogs"]);
    expect(validateForm(definition, { ...good, proof }, { today }).values.proof).toBeUndefined();
    const pensioner = { ...good, pensioner: true };
    expect(visibleSteps(definition, pensioner).map((s) => s.id)).toEqual(["owner", "dogs", "pension"]);
    expect(validateForm(definition, pensioner, { today }).issues.map((i) => [i.path, i.code])).toEqual([["proof", "required"]]);
    expect(validateForm(definition, { ...pensioner, proof }, { today }).values.proof).toEqual(proof);
    const exe = [{ id: "f2", fileName: "x.exe", size: 10, mimeType: "application/x-msdownload" }];
    expect(validateForm(definition, { ...pensioner, proof: exe }, { today }).issues.map((i) => i.code)).toEqual(["fileType"]);
  });

  it("checks only the given steps when asked (the step being left)", () => {
    const result = validateForm(definition, { fullName: "Jana" }, { today, steps: ["owner"] });
    expect(result.issues.map((i) => i.path)).toEqual(["birthNumber"]);
  });

  it("refuses a unique field's value repeated in a later entry (normalised), naming the earlier entry", () => {
    const unique: FormDefinition = JSON.parse(JSON.stringify(definition));
    const group = unique.steps[1]!.fields[0] as Extract<FormDefinition["steps"][number]["fields"][number], { type: "group" }>;
    (group.fields[1] as { unique?: boolean }).unique = true;
    const dog = good.dogs[0]!;
    const values = {
      ...good,
      dogs: [dog, { ...dog, name: "Bella", chipNumber: "203164000123457" }, { ...dog, name: "Rex", chipNumber: "203164000123456" }],
    };
    const issues = validateForm(unique, values, { today }).issues;
    expect(issues).toEqual([{ path: "dogs.2.chipNumber", code: "duplicate", label: l("Číslo čipu", "Chip number"), params: { entry: 1 } }]);
    expect(issueMessage(issues[0]!, "cs")).toBe("Pole „Číslo čipu“ má stejnou hodnotu jako položka č. 1; každá položka musí mít vlastní.");
    expect(issueMessage(issues[0]!, "en")).toBe("“Chip number” is the same as in entry 1; each entry needs its own.");
    // Without the flag, repeats are allowed.
    expect(validateForm(definition, values, { today }).issues).toEqual([]);
  });

  it("survives hostile input shapes", () => {
    for (const input of [null, 42, "text", [], { __proto__: { fullName: "x" } }, { dogs: [null, 1, [], { name: {} }] }]) {
      expect(() => validateForm(definition, input, { today })).not.toThrow();
    }
    expect(Object.getPrototypeOf(validateForm(definition, JSON.parse('{"__proto__": {"polluted": 1}}'), { today }).values)).toBe(
      Object.prototype,
    );
  });
});

describe("draft versions", () => {
  it("tells patch, minor, major and newer apart", () => {
    expect(draftCompatibility("1.2.0", "1.2.0")).toBe("SAME");
    expect(draftCompatibility("1.2.0", "1.2.3")).toBe("PATCH");
    expect(draftCompatibility("1.1.9", "1.2.0")).toBe("MINOR");
    expect(draftCompatibility("1.9.9", "2.0.0")).toBe("MAJOR");
    expect(draftCompatibility("1.3.0", "1.2.0")).toBe("NEWER");
    expect(() => parseVersion("1.2")).toThrow();
    expect(() => parseVersion("01.2.0")).toThrow();
  });
});

describe("attachments across the form", () => {
  const file = (id: string, size: number) => ({ id, fileName: `${id}.pdf`, size, mimeType: "application/pdf" });
  const twoSlots: FormDefinition = {
    id: "files",
    version: "1.0.0",
    title: l("Soubory", "Files"),
    description: l("Test"),
    agenda: "SUBMISSIONS",
    effect: "NONE",
    sendPolicy: { login: true, verifiedIdentity: false },
    maxAttachmentBytes: 3_000,
    steps: [
      {
        id: "files",
        title: l("Soubory", "Files"),
        fields: [
          { type: "attachment", name: "a", label: l("První", "First"), maxFiles: 3, maxBytes: 2_000, accept: ["application/pdf"] },
          {
            type: "group",
            name: "items",
            label: l("Položky", "Items"),
            repeatable: { min: 0, max: 2, itemLabel: l("Položka", "Item") },
            fields: [
              { type: "attachment", name: "b", label: l("Druhá", "Second"), maxFiles: 1, maxBytes: 2_000, accept: ["application/pdf"] },
            ],
          },
        ],
      },
    ],
  };

  it("collects every file with its path, including those in repeatable groups", () => {
    const values = { a: [file("x", 10)], items: [{ b: [file("y", 20)] }] };
    expect(collectAttachments(twoSlots, values).map((found) => [found.path, found.file.id])).toEqual([
      ["a", "x"],
      ["items.0.b", "y"],
    ]);
  });

  it("refuses the same file in two slots and files over the form's total", () => {
    const duplicate = validateForm(twoSlots, { a: [file("x", 10)], items: [{ b: [file("x", 10)] }] }, { today: "2026-01-01" });
    expect(duplicate.issues.map((i) => [i.code, i.label.en])).toEqual([["duplicateFile", "Second"]]);
    const big = validateForm(
      twoSlots,
      { a: [file("x", 1_500), file("y", 1_500)], items: [{ b: [file("z", 500)] }] },
      { today: "2026-01-01" },
    );
    expect(big.issues.map((i) => i.code)).toEqual(["filesTooBig"]);
    expect(issueMessage(big.issues[0]!, "cs")).toBe("Přílohy dohromady přesahují 3 kB (pole „Druhá“).");
  });
});
