package dev.restate.patterns.payments.signals;

/**
 * The parts of a Stripe PaymentIntent that the payment flow decides on. It is what the Stripe call
 * step stores in the journal and what a webhook hands to the waiting payment.
 *
 * @param id the PaymentIntent id, {@code pi_...}
 * @param status the PaymentIntent status, for example {@code succeeded} or {@code processing}
 * @param amount the amount in cents
 * @param failureMessage Stripe's message for the last failed attempt, or null
 */
public record PaymentIntentSummary(String id, String status, Long amount, String failureMessage) {

  static final String SUCCEEDED = "succeeded";
  static final String PROCESSING = "processing";
  static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
  static final String CANCELED = "canceled";

  boolean succeeded() {
    return SUCCEEDED.equals(status);
  }

  boolean processing() {
    return PROCESSING.equals(status);
  }

  /** A declined payment method leaves the intent waiting for another one, or canceled. */
  boolean declined() {
    return REQUIRES_PAYMENT_METHOD.equals(status) || CANCELED.equals(status);
  }
}
