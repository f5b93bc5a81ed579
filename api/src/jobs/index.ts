// Every job kind the workers run. A new kind is defined in its own file here and listed below.
import { accountEmailJob } from "./account-email.ts";
import { budgetAggregatesJob } from "./budget-aggregates.ts";
import { cardPaymentReceiptJob } from "./card-payment-receipt.ts";
import { cardPaymentReconciliationJob } from "./card-payment-reconciliation.ts";
import { notificationDeliveryJob } from "./notification-delivery.ts";
import { alertPublishJob } from "./alert-publish.ts";
import { notificationFanoutJob } from "./notification-fanout.ts";
import { paymentConfirmationsJob } from "./payment-confirmations.ts";
import { paymentRemindersJob } from "./payment-reminders.ts";
import { submissionDeliveryJob } from "./submission-delivery.ts";
import { submissionEmailJob } from "./submission-email.ts";
import { submissionFileScanJob } from "./submission-file-scan.ts";

export const jobKinds = [
  accountEmailJob,
  cardPaymentReceiptJob,
  cardPaymentReconciliationJob,
  budgetAggregatesJob,
  notificationDeliveryJob,
  notificationFanoutJob,
  alertPublishJob,
  paymentRemindersJob,
  paymentConfirmationsJob,
  submissionEmailJob,
  submissionFileScanJob,
  submissionDeliveryJob,
] as const;
