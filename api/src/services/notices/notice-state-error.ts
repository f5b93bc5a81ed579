import { AppError } from "../../errors.ts";
import type { MessageKey } from "../../i18n/messages.ts";

export type NoticeStateCode =
  /** Only drafts and notices waiting for approval can be edited; approved ones get revisions. */
  | "NOTICE_NOT_EDITABLE"
  /** Approving something that is not a draft or pending, or proposing something that is not a draft. */
  | "NOTICE_NOT_APPROVABLE"
  /** Two-person rule: the notice must be proposed before it is approved. */
  | "NOTICE_NOT_PROPOSED"
  /** Two-person rule: the approver wrote, changed or proposed the notice. */
  | "NOTICE_SAME_PERSON"
  /** Revising or withdrawing a notice that is not approved or already left the board. */
  | "NOTICE_NOT_ACTIVE"
  /** Someone else changed the notice meanwhile; reload and try again. */
  | "NOTICE_CHANGED";

const MESSAGES: Record<NoticeStateCode, MessageKey> = {
  NOTICE_NOT_EDITABLE: "notice.notEditable",
  NOTICE_NOT_APPROVABLE: "notice.notApprovable",
  NOTICE_NOT_PROPOSED: "notice.notProposed",
  NOTICE_SAME_PERSON: "notice.samePerson",
  NOTICE_NOT_ACTIVE: "notice.notActive",
  NOTICE_CHANGED: "notice.changed",
};

/** A notice workflow step that its current state does not allow. */
export class NoticeStateError extends AppError {
  readonly code: NoticeStateCode;
  constructor(code: NoticeStateCode) {
    super(MESSAGES[code]);
    this.code = code;
  }
}
