import type { FormDefinition } from "../definition.ts";
import { dogDeregistration } from "./dog-deregistration.ts";
import { dogRegistration } from "./dog-registration.ts";
import { generalSubmission } from "./general-submission.ts";
import { wasteFeeExemption } from "./waste-fee-exemption.ts";
import { wasteFeeRegistration } from "./waste-fee-registration.ts";

export { dogDeregistration, dogRegistration, generalSubmission, wasteFeeExemption, wasteFeeRegistration };

/** The built-in forms, current version of each. */
export const formDefinitions: readonly FormDefinition[] = [
  dogRegistration,
  dogDeregistration,
  wasteFeeRegistration,
  wasteFeeExemption,
  generalSubmission,
];

export function findFormDefinition(id: string): FormDefinition | undefined {
  return formDefinitions.find((definition) => definition.id === id);
}
