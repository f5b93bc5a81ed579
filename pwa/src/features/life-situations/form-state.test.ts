import { dogRegistration, lifeSituations, type FormDefinition } from "@portal/forms";
import { describe, expect, it } from "vitest";
import { getIn, setIn, upgradeDraft } from "./form-state.ts";
import { fold, matchesSearch } from "./paths.ts";

const today = "2026-12-06";
const at = (version: string): FormDefinition => ({ ...dogRegistration, version });

describe("values by path", () => {
  it("sets a value deep in repeatable groups without touching the original", () => {
    const before = { fullName: "Jana", dogs: [{ name: "Alík" }] };
    const after = setIn(before, ["dogs", 1, "name"], "Bella");
    expect(after).toEqual({ fullName: "Jana", dogs: [{ name: "Alík" }, { name: "Bella" }] });
    expect(before.dogs).toHaveLength(1);
    expect(getIn(after, ["dogs", 1, "name"])).toBe("Bella");
    expect(getIn(after, ["dogs", 5, "name"])).toBeUndefined();
    expect(setIn({}, ["dogs", 0, "chipNumber"], "203")).toEqual({ dogs: [{ chipNumber: "203" }] });
  });
});

describe("a draft of an older form version", () => {
  const draft = {
    fullName: "Jana Nováková",
    dogs: [{ name: "Alík", chipNumber: "123", keptSince: "2026-02-14" }],
  };

  it("continues as it is after a patch", () => {
    expect(upgradeDraft(at("1.0.3"), "1.0.0", draft, today)).toEqual({ kind: "CURRENT", values: draft });
  });

  it("drops what no longer validates after a minor change and asks to confirm; what is merely missing stays to fill in", () => {
    const upgrade = upgradeDraft(at("1.1.0"), "1.0.0", draft, today);
    expect(upgrade.kind).toBe("CONFIRM");
    if (upgrade.kind !== "CONFIRM") return;
    expect(upgrade.dropped).toEqual(["dogs.0.chipNumber"]);
    expect(getIn(upgrade.values, ["dogs", 0, "chipNumber"])).toBeUndefined();
    expect(getIn(upgrade.values, ["dogs", 0, "name"])).toBe("Alík");
    expect(upgrade.values.fullName).toBe("Jana Nováková");
  });

  it("is blocked after a major change, from a newer version, or with a broken version", () => {
    expect(upgradeDraft(at("2.0.0"), "1.4.0", draft, today)).toEqual({ kind: "BLOCKED", compatibility: "MAJOR" });
    expect(upgradeDraft(at("1.0.0"), "1.1.0", draft, today)).toEqual({ kind: "BLOCKED", compatibility: "NEWER" });
    expect(upgradeDraft(at("1.0.0"), "jedna", draft, today)).toEqual({ kind: "BLOCKED", compatibility: "MAJOR" });
  });
});

describe("catalogue search", () => {
  it("ignores case and diacritics and needs every word", () => {
    expect(fold("Psí ODPADY")).toBe("psi odpady");
    const titles = (query: string) => lifeSituations.filter((s) => matchesSearch(s, query)).map((s) => s.slug);
    expect(titles("pes")).toEqual(["prihlaseni-psa", "odhlaseni-psa"]);
    expect(titles("ODPAD osvobozeni")).toEqual(["osvobozeni-od-poplatku-za-odpad"]);
    expect(titles("")).toHaveLength(lifeSituations.length);
    expect(titles("letadlo")).toEqual([]);
  });
});
