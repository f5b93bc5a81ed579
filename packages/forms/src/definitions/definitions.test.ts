import { describe, expect, it } from "vitest";
import { catalogueProblems, findLifeSituation, lifeSituations, lifeSituationForForm } from "../catalogue.ts";
import type { Condition, Field, FormDefinition, Localized } from "../definition.ts";
import { computeDogFee, dogFeeInputFromRegistration } from "../dog-fee.ts";
import { issueMessage } from "../messages.ts";
import { summarize, summaryText } from "../summary.ts";
import { prefillValues, validateForm } from "../validate.ts";
import { parseVersion } from "../version.ts";
import { EXAMPLE_VALUES } from "./examples.ts";
import { dogRegistration, formDefinitions, findFormDefinition } from "./index.ts";

const today = "2026-12-06";

function texts(definition: FormDefinition): Localized[] {
  const out: Localized[] = [definition.title, definition.description];
  const walk = (fields: readonly Field[]) => {
    for (const field of fields) {
      out.push(field.label, ...(field.hint ? [field.hint] : []));
      if (field.type === "choice") out.push(...field.options.map((o) => o.label));
      if (field.type === "group") walk(field.fields);
    }
  };
  for (const step of definition.steps) {
    out.push(step.title, ...(step.guide ? [step.guide] : []));
    walk(step.fields);
  }
  return out;
}

function attachmentPaths(definition: FormDefinition): string[] {
  return definition.steps.flatMap((step) => step.fields.filter((f) => f.type === "attachment").map((f) => f.name));
}

/** Conditions may only name fields of the same level (top level for steps), or the form would silently hide them. */
function conditionFields(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ("not" in condition) return conditionFields(condition.not);
  if ("all" in condition) return condition.all.flatMap(conditionFields);
  if ("any" in condition) return condition.any.flatMap(conditionFields);
  return [condition.field];
}

describe.each(formDefinitions.map((definition) => [definition.id, definition] as const))("form %s", (id, definition) => {
  it("is well formed: semver, unique names, conditions on known fields, texts in both languages", () => {
    expect(() => parseVersion(definition.version)).not.toThrow();
    expect(findFormDefinition(id)).toBe(definition);
    expect(new Set(definition.steps.map((s) => s.id)).size).toBe(definition.steps.length);
    const topLevel = definition.steps.flatMap((step) => step.fields.map((f) => f.name));
    expect(new Set(topLevel).size).toBe(topLevel.length);
    const checkLevel = (fields: readonly Field[]) => {
      const names = fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const field of fields) {
        for (const name of conditionFields(field.when)) expect(names, `${field.name} depends on ${name}`).toContain(name);
        if (field.type === "group") checkLevel(field.fields);
      }
    };
    for (const step of definition.steps) {
      for (const name of conditionFields(step.when)) expect(topLevel).toContain(name);
      checkLevel(step.fields);
    }
    for (const text of texts(definition)) {
      expect(text.cs.trim()).not.toBe("");
      expect(text.en.trim()).not.toBe("");
    }
    expect(definition.sendPolicy.login).toBe(true);
    expect(lifeSituationForForm(id)).toBeDefined();
  });

  it("accepts its example values (but for required attachments) and refuses an empty payload with labelled issues", () => {
    const example = EXAMPLE_VALUES[id]!;
    const result = validateForm(definition, example, { today });
    // The examples carry no files (the API holds them): only a required attachment may be missing.
    expect(result.issues.filter((issue) => issue.code !== "required" || !attachmentPaths(definition).includes(issue.path))).toEqual([]);
    const empty = validateForm(definition, {}, { today });
    expect(empty.issues.length).toBeGreaterThan(0);
    for (const issue of empty.issues) {
      expect(issueMessage(issue, "cs")).toContain(issue.label.cs);
      expect(issueMessage(issue, "en")).toContain(issue.label.en);
    }
  });

  it("summarizes its example values in both languages (snapshot)", () => {
    const { values } = validateForm(definition, EXAMPLE_VALUES[id]!, { today });
    const summary = summarize(definition, values);
    expect(summary.formVersion).toBe(definition.version);
    expect(`${summaryText(summary, "cs")}\n\n${summaryText(summary, "en")}`).toMatchSnapshot();
  });
});

describe("dog registration", () => {
  it("previews the fee of its example: Alík from February (11 months), Bella a further dog from March", () => {
    const tariff = { year: 2026, firstDog: 150_000, furtherDog: 225_000, pensionerFirstDog: 20_000, pensionerFurtherDog: 30_000 };
    const { values } = validateForm(dogRegistration, EXAMPLE_VALUES["dog-registration"], { today });
    const { dogs, pensioner } = dogFeeInputFromRegistration(values);
    const fee = computeDogFee(tariff, dogs, { pensioner });
    // Alík was born 2 Nov 2025: 3 months old on 2 Feb 2026, kept from 14 Feb -> February counts.
    expect(fee.lines.map((line) => [line.name, line.rate, line.months, line.amount])).toEqual([
      ["Alík", "FIRST", 11, 137_500],
      ["Bella", "FURTHER", 10, 187_500],
    ]);
  });

  it("asks for the pension decision unless the reduced rate is claimed for age", () => {
    const base = { ...EXAMPLE_VALUES["dog-registration"], reducedRate: true };
    const pension = validateForm(dogRegistration, { ...base, reducedRateReason: "PENSION_ONLY_INCOME" }, { today });
    expect(pension.issues.map((i) => [i.path, i.code])).toEqual([["pensionProof", "required"]]);
    const age = validateForm(dogRegistration, { ...base, reducedRateReason: "AGE_65" }, { today });
    expect(age.issues).toEqual([]);
  });

  it("asks each exempt dog for its reason and proof, and names the dog's field in the path", () => {
    const example = EXAMPLE_VALUES["dog-registration"]!;
    const dogs = (example.dogs as Record<string, unknown>[]).map((dog, i) => (i === 1 ? { ...dog, exempt: true } : dog));
    const result = validateForm(dogRegistration, { ...example, dogs }, { today });
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ["dogs.1.exemptionReason", "required"],
      ["dogs.1.exemptionProof", "required"],
    ]);
  });

  it("refuses an invalid chip number, a future date and more dogs than allowed", () => {
    const example = EXAMPLE_VALUES["dog-registration"]!;
    const dog = (example.dogs as Record<string, unknown>[])[0]!;
    const result = validateForm(
      dogRegistration,
      { ...example, dogs: [{ ...dog, chipNumber: "999000000000001", keptSince: "2027-01-01" }] },
      { today },
    );
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ["dogs.0.chipNumber", "format"],
      ["dogs.0.keptSince", "max"],
    ]);
    expect(issueMessage(result.issues[1]!, "cs")).toBe("Pole „Držím psa od“ může být nejvýše 6. 12. 2026.");
    const many = validateForm(dogRegistration, { ...example, dogs: Array.from({ length: 11 }, () => dog) }, { today });
    expect(many.issues).toContainEqual(expect.objectContaining({ path: "dogs", code: "tooMany" }));
  });

  it("prefills the holder's name and contact from the profile", () => {
    expect(prefillValues(dogRegistration, { fullName: "Jana Nováková", email: "obcan@lipnice.example", phone: null })).toEqual({
      fullName: "Jana Nováková",
      email: "obcan@lipnice.example",
    });
  });
});

describe("catalogue", () => {
  it("has a guide for every built-in form under a unique slug, in both languages", () => {
    expect(catalogueProblems()).toEqual([]);
    expect(new Set(lifeSituations.map((s) => s.slug)).size).toBe(lifeSituations.length);
    expect(lifeSituations.map((s) => s.formId).sort()).toEqual(formDefinitions.map((d) => d.id).sort());
    for (const situation of lifeSituations) {
      expect(situation.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const { guide } = situation;
      for (const text of [
        situation.title,
        situation.summary,
        guide.whoFor,
        guide.afterSending,
        ...guide.whatYouNeed,
        ...guide.fees,
        ...guide.deadlines,
        ...guide.legalBasis.map((r) => r.citation),
      ]) {
        expect(text.cs.trim()).not.toBe("");
        expect(text.en.trim()).not.toBe("");
      }
      expect(guide.legalBasis.length).toBeGreaterThan(0);
    }
    expect(findLifeSituation("prihlaseni-psa")?.formId).toBe("dog-registration");
    expect(findLifeSituation("nic")).toBeUndefined();
  });
});
