import { AppError } from "../../errors.ts";
import type { MessageKey } from "../../i18n/messages.ts";

export type AlertStateCode =
  /** Only a scheduled alert can be changed or cancelled; a published one can only be ended. */
  | "ALERT_NOT_SCHEDULED"
  /** Ending an alert that is not published or whose validity is already over. */
  | "ALERT_NOT_ACTIVE";

const MESSAGES: Record<AlertStateCode, MessageKey> = {
  ALERT_NOT_SCHEDULED: "alert.notScheduled",
  ALERT_NOT_ACTIVE: "alert.notActive",
};

/** An alert step that its current state does not allow. */
export class AlertStateError extends AppError {
  readonly code: AlertStateCode;
  constructor(code: AlertStateCode) {
    super(MESSAGES[code]);
    this.code = code;
  }
}
