import { ValidationError } from "../../errors.ts";

/** Numbers are unique per register and municipality: the clerk must choose another. */
export function numberTakenError(): ValidationError {
  return ValidationError.field("number", "field.numberTaken", "NUMBER_TAKEN");
}
