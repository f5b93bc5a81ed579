import { draftCompatibility, formDefinitions, type DraftCompatibility, type FormDefinition } from "@portal/forms";

/**
 * The forms the portal knows: the built-in definitions of @portal/forms (the same data the PWA renders), by id.
 * A definition's agenda decides whose queue its submissions enter.
 */
const byId = new Map<string, FormDefinition>(formDefinitions.map((definition) => [definition.id, definition]));

export function findFormDefinition(formId: string): FormDefinition | null {
  return byId.get(formId) ?? null;
}

/** How a draft or a submission filled in under `version` relates to the current definition. */
export function compatibilityOf(definition: FormDefinition, version: string): DraftCompatibility | "INVALID" {
  try {
    return draftCompatibility(version, definition.version);
  } catch {
    return "INVALID";
  }
}
