import { AppError } from "../../../errors.ts";

/** Card payments are not configured for this portal (CARD_PAYMENTS=off, or no Stripe keys). */
export class CardPaymentsUnavailableError extends AppError {
  readonly code = "CARD_PAYMENTS_UNAVAILABLE";
  constructor() {
    super("cardPayment.unavailable");
  }
}
