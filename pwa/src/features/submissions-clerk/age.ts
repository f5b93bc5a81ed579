import type { TFunction } from "i18next";

/** "Today", "5 days": how long a submission has waited (the API counts whole days in the town's zone). */
export function ageText(t: TFunction, days: number): string {
  return days === 0 ? t("submissionsClerk.queue.today") : t("submissionsClerk.queue.days", { count: days });
}

/** From this age on the queue marks a submission as waiting long (the usual 30-day time limit for an answer is near). */
export const LONG_WAIT_DAYS = 20;
