package dev.restate.patterns.payments.signals;

/**
 * A Stripe event whose signature was verified, reduced to what the webhook handler needs.
 *
 * @param id the event id, {@code evt_...}
 * @param type the event type, for example {@code payment_intent.succeeded}
 * @param callbackId the Restate awakeable id from the PaymentIntent's metadata, or null
 * @param paymentIntent the PaymentIntent of a {@code payment_intent.*} event, or null
 */
public record WebhookEvent(
    String id, String type, String callbackId, PaymentIntentSummary paymentIntent) {}
