package dev.restate.patterns.messaging.invoices;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.springboot.RestateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook event processing: the target of a payment provider's webhook, routing invoice events to
 * the {@link PaymentTracker} of the invoice.
 *
 * <p>Any Restate handler can be a durable webhook processor. Point the webhook at this handler on
 * the Restate ingress: once Restate has accepted an event and responded with 200, the event is
 * persisted and processed to the end, even if this application is down at that moment. The module
 * README walks through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("WebhookCallbackRouter")
public class WebhookCallbackRouter {

  private static final Logger log = LoggerFactory.getLogger(WebhookCallbackRouter.class);

  static final String PAYMENT_FAILED = "invoice.payment_failed";
  static final String PAYMENT_SUCCEEDED = "invoice.payment_succeeded";

  /** Routes a payment failure or success to the invoice's tracker, and acknowledges other types. */
  @Handler
  public void onStripeEvent(Context ctx, StripeEvent event) {
    // NOTE: any caller of the ingress can post an event here. Production code checks the
    // Stripe-Signature header (ctx.request().headers()) against the webhook secret first.
    requirePresent("event", event);
    requireText("type", event.type());
    if (PAYMENT_FAILED.equals(event.type()) || PAYMENT_SUCCEEDED.equals(event.type())) {
      // The invoice id becomes the tracker's object key. Restate did not get an invocation with a
      // 1 MiB key through to this endpoint and retried it for ever, so the length is bounded.
      requireText("data.object.id", event.invoiceId(), PaymentTracker.MAX_INVOICE_ID_LENGTH);
    }
    if (PAYMENT_FAILED.equals(event.type())) {
      requireText("data.object.customer", event.customerId());
    }

    // One-way sends: the webhook is acknowledged as soon as Restate has stored them, and each
    // invoice's events queue up behind each other on its tracker.
    switch (event.type()) {
      case PAYMENT_FAILED -> {
        log.info("event {}: payment of invoice {} failed", event.id(), event.invoiceId());
        PaymentTrackerClient.fromContext(ctx, event.invoiceId()).send().onPaymentFailure(event);
      }
      case PAYMENT_SUCCEEDED -> {
        log.info("event {}: payment of invoice {} succeeded", event.id(), event.invoiceId());
        PaymentTrackerClient.fromContext(ctx, event.invoiceId()).send().onPaymentSuccess(event);
      }
      default -> log.info("event {}: type {} ignored", event.id(), event.type());
    }
  }
}
