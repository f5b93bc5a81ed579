// Every job kind the workers run. A new kind is defined in its own file here and listed below.
import { accountEmailJob } from "./account-email.ts";
import { cardPaymentReceiptJob } from "./card-payment-receipt.ts";
import { cardPaymentReconciliationJob } from "./card-payment-reconciliation.ts";
import { notificationDeliveryJob } from "./notification-delivery.ts";

export const jobKinds = [accountEmailJob, cardPaymentReceiptJob, cardPaymentReconciliationJob, notificationDeliveryJob] as const;
