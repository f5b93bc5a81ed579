// The sources of the communication history. A feature adds its own source file here and lists it below
// (e.g. the submissions feature: its submissions and their steps, kind SUBMISSION).
import { assessmentSource } from "./assessments.ts";
import { messageSource } from "./messages.ts";
import { paymentSource } from "./payments.ts";
import type { TimelineSource } from "./timeline-source.ts";

export { TIMELINE_KINDS, type TimelineKind, type TimelineEntry } from "./timeline-source.ts";

export const timelineSources: readonly TimelineSource[] = [messageSource, assessmentSource, paymentSource];
