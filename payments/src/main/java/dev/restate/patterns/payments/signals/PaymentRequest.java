package dev.restate.patterns.payments.signals;

/**
 * A request to charge a payment method through Stripe.
 *
 * @param paymentMethodId the Stripe payment method, for example {@code pm_card_visa}
 * @param amount the amount in cents, positive
 * @param delayedStatus treat a synchronous success as {@code processing} and wait for the webhook,
 *     to try the asynchronous path with payment methods that never take it; optional, false when
 *     missing, as in the first curl of the module README
 */
public record PaymentRequest(String paymentMethodId, Long amount, Boolean delayedStatus) {

  /** Returns whether the caller requested the webhook path, false when the field is missing. */
  public boolean waitsForWebhook() {
    return Boolean.TRUE.equals(delayedStatus);
  }
}
