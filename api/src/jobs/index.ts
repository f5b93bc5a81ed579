// Every job kind the workers run. A new kind is defined in its own file here and listed below.
import { accountEmailJob } from "./account-email.ts";
import { budgetAggregatesJob } from "./budget-aggregates.ts";
import { cardPaymentReceiptJob } from "./card-payment-receipt.ts";
import { cardPaymentReconciliationJob } from "./card-payment-reconciliation.ts";

export const jobKinds = [accountEmailJob, cardPaymentReceiptJob, cardPaymentReconciliationJob, budgetAggregatesJob] as const;
