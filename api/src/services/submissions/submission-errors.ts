import type { DraftCompatibility } from "@portal/forms";
import { AppError } from "../../errors.ts";

/**
 * The form changed since the citizen started: MINOR (values re-validated against the new version, the citizen
 * confirms and sends again with `currentVersion`), MAJOR or NEWER or INVALID (this draft cannot be sent).
 */
export class FormVersionError extends AppError {
  readonly code = "FORM_VERSION";
  readonly currentVersion: string;
  readonly compatibility: Exclude<DraftCompatibility, "SAME" | "PATCH"> | "INVALID";
  constructor(currentVersion: string, compatibility: FormVersionError["compatibility"]) {
    super(compatibility === "MINOR" ? "error.formVersionMinor" : "error.formVersionMajor", { current: currentVersion });
    this.currentVersion = currentVersion;
    this.compatibility = compatibility;
  }
}

/** The form needs an account whose identity the town verified. */
export class IdentityNotVerifiedError extends AppError {
  readonly code = "IDENTITY_NOT_VERIFIED";
  constructor() {
    super("error.identityNotVerified");
  }
}
