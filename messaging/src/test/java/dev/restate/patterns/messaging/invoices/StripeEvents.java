package dev.restate.patterns.messaging.invoices;

import java.util.UUID;

/** Builds the Stripe webhook events of the tests, each with an invoice and customer of its own. */
final class StripeEvents {

  private StripeEvents() {}

  static String newInvoiceId() {
    return "in_" + UUID.randomUUID().toString().replace("-", "");
  }

  static String newCustomerId() {
    return "cus_" + UUID.randomUUID().toString().replace("-", "");
  }

  static StripeEvent event(String type, String invoiceId, String customerId) {
    return new StripeEvent(
        "evt_" + UUID.randomUUID().toString().replace("-", ""),
        type,
        1_734_000_000L,
        new StripeEvent.Data(new StripeEvent.Invoice(invoiceId, customerId)));
  }

  static StripeEvent paymentFailed(String invoiceId, String customerId) {
    return event(WebhookCallbackRouter.PAYMENT_FAILED, invoiceId, customerId);
  }

  static StripeEvent paymentSucceeded(String invoiceId, String customerId) {
    return event(WebhookCallbackRouter.PAYMENT_SUCCEEDED, invoiceId, customerId);
  }
}
