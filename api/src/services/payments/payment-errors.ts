import { AppError } from "../../errors.ts";
import type { StatementIssue } from "../../integrations/bank-statements/index.ts";
import type { MessageKey, MessageParams } from "../../i18n/messages.ts";

/** The uploaded file is not a statement that adds up: every problem the parser found, with its line. */
export class StatementFileError extends AppError {
  readonly code = "STATEMENT_FILE";
  readonly issues: StatementIssue[];
  constructor(issues: StatementIssue[]) {
    super("statements.fileRejected", { count: issues.length });
    this.issues = issues;
  }
}

/**
 * Two clerks changed the same payment at once (or the page was stale): nothing was written. The
 * database's pairing trigger is the backstop; this is the answer a person can act on.
 */
export class PaymentConflictError extends AppError {
  readonly code = "CONFLICT";
  constructor(messageKey: MessageKey = "pairing.conflict", params: MessageParams = {}) {
    super(messageKey, params);
  }
}
