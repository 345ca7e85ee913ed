package dev.restate.patterns.payments.signals;

import static dev.restate.patterns.common.Validation.requirePositive;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.Validation;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Awakeable;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.Accept;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Raw;
import dev.restate.sdk.common.RetryPolicy;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateService;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment signals: one handler that returns a Stripe payment result, whether Stripe reports it in
 * the response to the call or later through a webhook.
 *
 * <p>processPayment creates a PaymentIntent inside a durable step, with an idempotency key from
 * Restate's deterministic random and the id of an awakeable in its metadata. A synchronous success
 * or decline ends the call. A processing payment suspends on the awakeable until processWebhook,
 * called by Stripe, verifies the event's signature and resolves it. The module README shows both
 * paths against the local Stripe stub.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("stripePayments")
public class StripePaymentService {

  private static final Logger log = LoggerFactory.getLogger(StripePaymentService.class);

  private static final String SIGNATURE_HEADER = "stripe-signature";

  /** Events that end a PaymentIntent's processing; the others leave the payment waiting. */
  private static final Set<String> FINAL_EVENT_TYPES =
      Set.of(
          "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled");

  /**
   * Retries of the Stripe call for connection errors, rate limits and Stripe server errors: about
   * two minutes in all, then the payment fails instead of retrying for ever.
   */
  private static final RetryPolicy STRIPE_RETRY_POLICY =
      RetryPolicy.exponential(Duration.ofMillis(200), 2)
          .setMaxDelay(Duration.ofSeconds(30))
          .setMaxAttempts(10);

  /** Maximum length of a payment method id. */
  static final int MAX_PAYMENT_METHOD_ID_LENGTH = 256;

  /** Maximum amount in cents: Stripe's limit for a USD charge, eight digits. */
  static final long MAX_AMOUNT = 99_999_999L;

  private final StripeGateway stripe;

  public StripePaymentService(StripeGateway stripe) {
    this.stripe = stripe;
  }

  /** Charges the payment method and returns the PaymentIntent once it succeeded. */
  @Handler
  public PaymentIntentSummary processPayment(Context ctx, PaymentRequest request) {
    requirePresent("payment request", request);
    requireText("paymentMethodId", request.paymentMethodId(), MAX_PAYMENT_METHOD_ID_LENGTH);
    requirePositive("amount", request.amount());
    if (request.amount() > MAX_AMOUNT) {
      throw Validation.badRequest(
          "amount must be at most " + MAX_AMOUNT + " cents, got " + request.amount());
    }

    // 1. The idempotency key comes from Restate's random, which is seeded per invocation: every
    // retry of this invocation sends the same key, so Stripe creates one PaymentIntent.
    String idempotencyKey = ctx.random().nextUUID().toString();

    // 2. An awakeable for the webhook, in case the response to the call reports no result yet.
    Awakeable<PaymentIntentSummary> webhook = ctx.awakeable(PaymentIntentSummary.class);

    // 3. Create and confirm the PaymentIntent, with the awakeable id in its metadata.
    PaymentIntentSummary intent =
        ctx.run(
            "create payment intent",
            PaymentIntentSummary.class,
            STRIPE_RETRY_POLICY,
            () ->
                stripe.createPaymentIntent(
                    request.paymentMethodId(), request.amount(), idempotencyKey, webhook.id()));

    // 4. A result in the response ends the call, unless delayedStatus requests the webhook path.
    if (!intent.processing() && !request.waitsForWebhook()) {
      if (intent.succeeded()) {
        log.info("payment intent {}: succeeded synchronously", intent.id());
        return intent;
      }
      log.info("payment intent {}: failed synchronously, status {}", intent.id(), intent.status());
      throw failure(intent);
    }

    // 5. Processing: suspend until the webhook resolves the awakeable, however long that takes.
    // NOTE: the wait has no timeout. Production code would bound it (await with a Duration) and
    // then
    // read the PaymentIntent from Stripe, in case the webhook never arrives.
    log.info(
        "payment intent {}: {}, waiting for the webhook",
        intent.id(),
        request.waitsForWebhook() ? "delayedStatus set" : intent.status());
    PaymentIntentSummary settled = webhook.await();
    log.info("payment intent {}: webhook reported {}", settled.id(), settled.status());
    if (!settled.succeeded()) {
      throw failure(settled);
    }
    return settled;
  }

  /**
   * Verifies a Stripe webhook call over its raw body and hands a final payment intent event to the
   * waiting payment.
   */
  @Handler
  public String processWebhook(Context ctx, @Accept("*/*") @Raw byte[] body) {
    String signature = header(ctx.request().headers(), SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      throw Validation.badRequest("Stripe-Signature header is missing");
    }

    // 1. Verify the signature. The check compares the signed time with the clock, so it runs in a
    // durable step: a retry of this invocation reuses the first verdict.
    WebhookEvent event =
        ctx.run(
            "verify webhook signature",
            WebhookEvent.class,
            () -> stripe.verifyWebhook(body, signature));

    // 2. Other events are acknowledged, so that Stripe does not send them again.
    if (!FINAL_EVENT_TYPES.contains(event.type())) {
      log.info("webhook {}: {} acknowledged, nothing to resolve", event.id(), event.type());
      return "acknowledged " + event.type();
    }
    if (event.callbackId() == null) {
      throw new TerminalException(
          404,
          "payment intent "
              + event.paymentIntent().id()
              + " has no "
              + StripeGateway.CALLBACK_ID_KEY
              + " in its metadata");
    }

    // restate-server retries a completion with a malformed awakeable id for ever, so a signed
    // event whose metadata was not written by this flow is rejected instead.
    Validation.requireAwakeableId(
        StripeGateway.CALLBACK_ID_KEY + " of payment intent " + event.paymentIntent().id(),
        event.callbackId());

    // 3. Resolve the awakeable of the waiting payment. Restate ignores the resolution when that
    // payment already ended, for example after a synchronous success.
    ctx.awakeableHandle(event.callbackId())
        .resolve(PaymentIntentSummary.class, event.paymentIntent());
    log.info(
        "webhook {}: {} of payment intent {} resolved its awakeable",
        event.id(),
        event.type(),
        event.paymentIntent().id());
    return "resolved the awakeable of payment intent "
        + event.paymentIntent().id()
        + " with "
        + event.type();
  }

  /** Creates the terminal error for a declined or otherwise failed payment, naming its status. */
  private static TerminalException failure(PaymentIntentSummary intent) {
    String detail = intent.failureMessage() == null ? "" : ": " + intent.failureMessage();
    if (intent.declined()) {
      return new TerminalException(
          402, "payment intent " + intent.id() + " declined, status " + intent.status() + detail);
    }
    return new TerminalException(
        "payment intent "
            + intent.id()
            + " ended with status "
            + intent.status()
            + ", which this flow does not handle"
            + detail);
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
