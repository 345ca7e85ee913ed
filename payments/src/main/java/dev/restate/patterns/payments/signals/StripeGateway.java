package dev.restate.patterns.payments.signals;

import com.google.gson.JsonParseException;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCreateParams;
import dev.restate.patterns.common.Validation;
import dev.restate.sdk.common.TerminalException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Stripe operations of the payment flow, through stripe-java: creating a PaymentIntent and
 * verifying a webhook call. It sorts Stripe's errors into declines (returned as a result), rejected
 * requests (terminal errors) and faults that a retry may fix (thrown as they are).
 */
public class StripeGateway {

  private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

  /** The PaymentIntent metadata key that carries the id of the awaiting Restate awakeable. */
  public static final String CALLBACK_ID_KEY = "restate_callback_id";

  private static final String CURRENCY = "usd";
  private static final String PAYMENT_INTENT_EVENT_PREFIX = "payment_intent.";

  private final StripeClient stripe;
  private final String webhookSecret;

  public StripeGateway(StripeConnection connection) {
    this.stripe =
        StripeClient.builder()
            .setApiKey(connection.apiKey())
            .setApiBase(connection.apiBase())
            // Restate retries the whole step, with the same idempotency key.
            .setMaxNetworkRetries(0)
            .build();
    this.webhookSecret = connection.webhookSecret();
  }

  /**
   * Creates and confirms a PaymentIntent, and returns it, also when the card was declined.
   *
   * @throws TerminalException when Stripe rejects the request itself (invalid parameters, a bad API
   *     key), which no retry fixes
   * @throws StripeException for connection errors, rate limits and Stripe server errors, which a
   *     retry with the same idempotency key may fix
   */
  public PaymentIntentSummary createPaymentIntent(
      String paymentMethodId, long amount, String idempotencyKey, String callbackId)
      throws StripeException {
    PaymentIntentCreateParams params =
        PaymentIntentCreateParams.builder()
            .setPaymentMethod(paymentMethodId)
            .setAmount(amount)
            .setCurrency(CURRENCY)
            .setConfirm(true)
            // Payment methods that redirect the customer need a return URL, which a server-side
            // flow does not have.
            .setAutomaticPaymentMethods(
                PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                    .setEnabled(true)
                    .setAllowRedirects(
                        PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                    .build())
            .putMetadata(CALLBACK_ID_KEY, callbackId)
            .build();
    RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();

    log.info("stripe: creating payment intent, idempotency key {}", idempotencyKey);
    try {
      PaymentIntent intent = stripe.v1().paymentIntents().create(params, options);
      log.info("stripe: payment intent {} is {}", intent.getId(), intent.getStatus());
      return summarize(intent);
    } catch (CardException e) {
      PaymentIntent intent = e.getStripeError().getPaymentIntent();
      log.info("stripe: card declined, {}", e.getStripeError().getMessage());
      if (intent == null) {
        return new PaymentIntentSummary(
            null,
            PaymentIntentSummary.REQUIRES_PAYMENT_METHOD,
            amount,
            e.getStripeError().getMessage());
      }
      return new PaymentIntentSummary(
          intent.getId(), intent.getStatus(), intent.getAmount(), e.getStripeError().getMessage());
    } catch (InvalidRequestException | IdempotencyException e) {
      log.warn("stripe: request rejected, idempotency key {}: {}", idempotencyKey, e.getMessage());
      throw new TerminalException(
          TerminalException.BAD_REQUEST_CODE, "Stripe rejected the request: " + stripeMessage(e));
    } catch (AuthenticationException e) {
      log.error("stripe: API key rejected: {}", e.getMessage());
      throw new TerminalException(
          "Stripe rejected the API key: " + stripeMessage(e) + ". Check stripe.api-key.");
    }
  }

  /**
   * Verifies the signature of a webhook call over its raw body, and returns the event.
   *
   * @throws TerminalException with 400 when the signature does not match the body and the webhook
   *     secret, is older than the tolerance of stripe-java, or the body is no Stripe event
   */
  public WebhookEvent verifyWebhook(byte[] body, String signatureHeader) {
    // The signature covers the body's bytes; decoding UTF-8 keeps them as they are.
    String payload = new String(body, StandardCharsets.UTF_8);
    Event event;
    try {
      // constructEvent of stripe-java 29.5.0 parses the body before it checks the signature, so a
      // forged body that is no event would be reported as such. Checking first rejects every
      // unsigned body for its signature and parses only what Stripe signed.
      Webhook.Signature.verifyHeader(
          payload, signatureHeader, webhookSecret, Webhook.DEFAULT_TOLERANCE);
      event = Webhook.constructEvent(payload, signatureHeader, webhookSecret);
    } catch (SignatureVerificationException e) {
      throw Validation.badRequest("invalid Stripe-Signature: " + e.getMessage());
    } catch (JsonParseException e) {
      throw Validation.badRequest("the webhook body is not a Stripe event: " + e.getMessage());
    }

    if (!event.getType().startsWith(PAYMENT_INTENT_EVENT_PREFIX)) {
      return new WebhookEvent(event.getId(), event.getType(), null, null);
    }
    PaymentIntent intent = paymentIntentOf(event);
    String callbackId =
        intent.getMetadata() == null ? null : intent.getMetadata().get(CALLBACK_ID_KEY);
    return new WebhookEvent(event.getId(), event.getType(), callbackId, summarize(intent));
  }

  private static PaymentIntent paymentIntentOf(Event event) {
    EventDataObjectDeserializer data = event.getDataObjectDeserializer();
    StripeObject object;
    if (data.getObject().isPresent()) {
      object = data.getObject().get();
    } else {
      // The webhook endpoint uses another API version than stripe-java. The fields read here
      // (id, status, amount, metadata) are the same in every version.
      try {
        object = data.deserializeUnsafe();
      } catch (EventDataObjectDeserializationException e) {
        throw Validation.badRequest(
            "event " + event.getId() + " contains no readable payment intent: " + e.getMessage());
      }
    }
    if (!(object instanceof PaymentIntent intent)) {
      throw Validation.badRequest(
          "event " + event.getId() + " of type " + event.getType() + " contains no payment intent");
    }
    return intent;
  }

  /** Stripe's own message, without the request id that stripe-java appends. */
  private static String stripeMessage(StripeException e) {
    return e.getStripeError() != null && e.getStripeError().getMessage() != null
        ? e.getStripeError().getMessage()
        : e.getMessage();
  }

  private static PaymentIntentSummary summarize(PaymentIntent intent) {
    StripeError lastError = intent.getLastPaymentError();
    return new PaymentIntentSummary(
        intent.getId(),
        intent.getStatus(),
        intent.getAmount(),
        lastError == null ? null : lastError.getMessage());
  }
}
