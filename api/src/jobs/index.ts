// Every job kind the workers run. A new kind is defined in its own file here and listed below.
import { accountEmailJob } from "./account-email.ts";
import { cardPaymentReceiptJob } from "./card-payment-receipt.ts";
import { cardPaymentReconciliationJob } from "./card-payment-reconciliation.ts";
import { submissionDeliveryJob } from "./submission-delivery.ts";
import { submissionEmailJob } from "./submission-email.ts";
import { submissionFileScanJob } from "./submission-file-scan.ts";

export const jobKinds = [
  accountEmailJob,
  cardPaymentReceiptJob,
  cardPaymentReconciliationJob,
  submissionEmailJob,
  submissionFileScanJob,
  submissionDeliveryJob,
] as const;
