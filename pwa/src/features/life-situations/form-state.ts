import { DateTime } from "luxon";
import { TOWN_ZONE } from "../../i18n/format.ts";
import {
  draftCompatibility,
  validateForm,
  visibleSteps,
  type DraftCompatibility,
  type FormDefinition,
  type FormIssue,
  type FormValues,
  type Step,
} from "@portal/forms";

/**
 * Pure helpers of the form renderer: values are a JSON tree (top-level fields, groups as objects, repeatable groups
 * as arrays of objects) addressed by dotted paths as the validator reports them ("dogs.1.chipNumber").
 */

export type Path = readonly (string | number)[];

export function pathKey(path: Path): string {
  return path.join(".");
}

export function getIn(values: unknown, path: Path): unknown {
  let current = values;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A copy of `values` with the value at `path` replaced (objects and arrays along the way are copied). */
export function setIn<T>(values: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: unknown = values;
  if (typeof head === "number") {
    const array = Array.isArray(container) ? [...(container as unknown[])] : [];
    array[head] = setIn(array[head], rest, value);
    return array as T;
  }
  const record =
    container && typeof container === "object" && !Array.isArray(container) ? { ...(container as Record<string, unknown>) } : {};
  record[head] = setIn(record[head], rest, value);
  return record as T;
}

/** The steps to fill in, then the summary (a pseudo-step of its own). */
export const SUMMARY_STEP = "summary";

export function stepsOf(definition: FormDefinition, values: FormValues): Step[] {
  return visibleSteps(definition, values);
}

/** The issues of one step as the citizen leaves it (only that step's fields are checked). */
export function stepIssues(definition: FormDefinition, values: FormValues, stepId: string, today: string): FormIssue[] {
  return validateForm(definition, values, { today, steps: [stepId] }).issues;
}

/** The first visible step with an issue, to bring the citizen back to it from the summary. */
export function firstStepWithIssues(definition: FormDefinition, values: FormValues, today: string): string | null {
  for (const step of stepsOf(definition, values)) {
    if (stepIssues(definition, values, step.id, today).length > 0) return step.id;
  }
  return null;
}

export type DraftUpgrade =
  | { kind: "CURRENT"; values: FormValues }
  /** Minor change of the form: the values that no longer fit were dropped; the citizen confirms. */
  | { kind: "CONFIRM"; values: FormValues; dropped: string[] }
  /** Major change (or a draft from a newer version): the draft cannot be sent; the citizen starts again. */
  | { kind: "BLOCKED"; compatibility: DraftCompatibility };

/**
 * What to do with a draft filled in under `draftVersion` now that the form is at `definition.version` (semver):
 * patch silently continues, minor prunes values that no longer validate and asks to confirm, major blocks.
 */
export function upgradeDraft(definition: FormDefinition, draftVersion: string, values: FormValues, today: string): DraftUpgrade {
  let compatibility: DraftCompatibility;
  try {
    compatibility = draftCompatibility(draftVersion, definition.version);
  } catch {
    return { kind: "BLOCKED", compatibility: "MAJOR" };
  }
  if (compatibility === "SAME" || compatibility === "PATCH") return { kind: "CURRENT", values };
  if (compatibility === "MAJOR" || compatibility === "NEWER") return { kind: "BLOCKED", compatibility };
  const { values: cleaned, issues } = validateForm(definition, values, { today });
  // Values that fail the new rules are pruned; required-but-empty fields are simply still to be filled in.
  let kept: FormValues = cleaned;
  const dropped = issues.filter((issue) => issue.code !== "required" && issue.code !== "tooFew").map((issue) => issue.path);
  for (const path of dropped)
    kept = setIn(
      kept,
      path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      undefined,
    );
  return { kind: "CONFIRM", values: stripUndefined(kept) as FormValues, dropped };
}

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, stripUndefined(v)]),
    );
  }
  return value;
}

/** Today in the town's zone, "YYYY-MM-DD" (date bounds such as "kept since" ≤ today). */
export function townToday(): string {
  return DateTime.now().setZone(TOWN_ZONE).toISODate()!;
}
