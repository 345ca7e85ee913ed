package dev.restate.patterns.payments.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.client.SendResponse;
import dev.restate.patterns.payments.RestateState;
import dev.restate.patterns.payments.signals.stub.StripeStub;
import dev.restate.patterns.payments.signals.stub.StripeStub.Delivery;
import dev.restate.patterns.payments.signals.stub.StripeStub.RecordedRequest;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Stripe payment flow against the local Stripe stub, which the real stripe-java client reaches
 * over HTTP. The stub sends no webhook by itself here: each test sends them when it chooses to.
 */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StripePaymentServiceTest {

  /** Each test pays a distinct amount, so that it finds its own PaymentIntent in the stub. */
  private static final AtomicLong NEXT_AMOUNT = new AtomicLong(1_000);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired StripeStub stub;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void synchronousSuccessReturnsWithoutWebhook() {
    long amount = NEXT_AMOUNT.getAndIncrement();

    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));

    assertThat(intent.status()).isEqualTo("succeeded");
    assertThat(intent.amount()).isEqualTo(amount);
    RecordedRequest request = onlyRequestFor(amount);
    assertThat(request.status()).isEqualTo(200);
    assertThat(request.params())
        .containsEntry("payment_method", "pm_card_visa")
        .containsEntry("confirm", "true")
        .containsEntry("currency", "usd")
        .containsKey("metadata[" + StripeGateway.CALLBACK_ID_KEY + "]");
    assertThat(request.idempotencyKey()).isNotBlank();
  }

  @Test
  void webhookAfterSynchronousSuccessIsAccepted() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));

    List<Delivery> deliveries = stub.deliverWebhooks(intent.id());

    assertThat(deliveries)
        .extracting(Delivery::eventType)
        .containsExactly("payment_intent.created", "payment_intent.succeeded");
    assertThat(deliveries).extracting(Delivery::status).containsOnly(200);
  }

  @Test
  void processingPaymentCompletesOnSignedWebhook() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        service()
            .send()
            .processPayment(request(StripeStub.PROCESSING_PAYMENT_METHOD, amount, false));
    String intentId = awaitIntent(amount).path("id").asText();
    awaitStripeCallJournaled(sent.invocationId());

    stub.settle(intentId);
    List<Delivery> deliveries = stub.deliverWebhooks(intentId);
    PaymentIntentSummary result = sent.attach().response();

    assertThat(deliveries)
        .extracting(Delivery::eventType)
        .containsExactly(
            "payment_intent.created", "payment_intent.processing", "payment_intent.succeeded");
    assertThat(deliveries).extracting(Delivery::status).containsOnly(200);
    assertThat(result.id()).isEqualTo(intentId);
    assertThat(result.status()).isEqualTo("succeeded");
  }

  @Test
  void intermediateEventsLeavePaymentWaiting() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        service()
            .send()
            .processPayment(request(StripeStub.PROCESSING_PAYMENT_METHOD, amount, false));
    String intentId = awaitIntent(amount).path("id").asText();
    awaitStripeCallJournaled(sent.invocationId());

    List<Delivery> deliveries = stub.deliverWebhooks(intentId);

    assertThat(deliveries)
        .extracting(Delivery::eventType)
        .containsExactly("payment_intent.created", "payment_intent.processing");
    assertThat(deliveries.get(1).body()).contains("acknowledged payment_intent.processing");
    assertStillWaiting(sent.invocationId());
    stub.settle(intentId);
    stub.deliverWebhooks(intentId);
    assertThat(sent.attach().response().status()).isEqualTo("succeeded");
  }

  @Test
  void delayedStatusWaitsForWebhook() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        service().send().processPayment(request("pm_card_visa", amount, true));
    String intentId = awaitIntent(amount).path("id").asText();
    awaitStripeCallJournaled(sent.invocationId());

    stub.deliverWebhooks(intentId);
    PaymentIntentSummary result = sent.attach().response();

    assertThat(result.id()).isEqualTo(intentId);
    assertThat(result.status()).isEqualTo("succeeded");
  }

  @Test
  void declinedCardFailsTerminally() {
    long amount = NEXT_AMOUNT.getAndIncrement();

    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () -> service().processPayment(request("pm_card_visa_chargeDeclined", amount, false)));

    assertThat(error.getStatusCode()).isEqualTo(402);
    assertThat(body(error))
        .contains("declined, status requires_payment_method: Your card was declined.");
    assertThat(onlyRequestFor(amount).status()).isEqualTo(402);
  }

  @Test
  void declineReportedByWebhookFailsTerminally() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        service().send().processPayment(request("pm_card_visa_chargeDeclined", amount, true));
    String intentId = awaitIntent(amount).path("id").asText();
    awaitStripeCallJournaled(sent.invocationId());

    stub.deliverWebhooks(intentId);
    IngressException error = catchThrowableOfType(IngressException.class, sent::attach);

    assertThat(error.getStatusCode()).isEqualTo(402);
    assertThat(body(error)).contains("payment intent " + intentId + " declined");
  }

  @Test
  void badSignatureIsRejectedAndResolvesNothing() throws Exception {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        service()
            .send()
            .processPayment(request(StripeStub.PROCESSING_PAYMENT_METHOD, amount, false));
    String intentId = awaitIntent(amount).path("id").asText();
    awaitStripeCallJournaled(sent.invocationId());
    stub.settle(intentId);
    String payload = stub.eventPayload(intentId, "payment_intent.succeeded");
    long now = Instant.now().getEpochSecond();
    String signatureOfOtherPayload = stub.signatureHeader(payload + " ", now);

    HttpResponse<String> forged = postWebhook(payload, signatureOfOtherPayload);
    HttpResponse<String> unsigned = postWebhook(payload, null);

    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("invalid Stripe-Signature");
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(unsigned.body()).contains("Stripe-Signature header is missing");
    assertStillWaiting(sent.invocationId());
    HttpResponse<String> signed = postWebhook(payload, stub.signatureHeader(payload, now));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(sent.attach().response().status()).isEqualTo("succeeded");
  }

  @Test
  void expiredSignatureIsRejected() throws Exception {
    long amount = NEXT_AMOUNT.getAndIncrement();
    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));
    String payload = stub.eventPayload(intent.id(), "payment_intent.succeeded");
    long anHourAgo = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();

    HttpResponse<String> response = postWebhook(payload, stub.signatureHeader(payload, anHourAgo));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Timestamp outside the tolerance zone");
  }

  @Test
  void lostResponseRetriedWithSameKey() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    stub.failNextResponses(1);

    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));

    List<RecordedRequest> requests = requestsFor(amount);
    assertThat(requests).extracting(RecordedRequest::status).containsExactly(500, 200);
    assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey());
    List<JsonNode> intents = intentsFor(amount);
    assertThat(intents).hasSize(1);
    assertThat(intent.id()).isEqualTo(intents.get(0).path("id").asText());
    assertThat(intent.status()).isEqualTo("succeeded");
  }

  @Test
  void eachPaymentUsesItsOwnIdempotencyKey() {
    long amount = NEXT_AMOUNT.getAndIncrement();

    service().processPayment(request("pm_card_visa", amount, false));
    service().processPayment(request("pm_card_visa", amount, false));

    List<RecordedRequest> requests = requestsFor(amount);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).idempotencyKey()).isNotEqualTo(requests.get(1).idempotencyKey());
  }

  @Test
  void webhookWithoutCallbackIdIsNotFound() throws Exception {
    long amount = NEXT_AMOUNT.getAndIncrement();
    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));
    ObjectNode event =
        (ObjectNode) JSON.readTree(stub.eventPayload(intent.id(), "payment_intent.succeeded"));
    ((ObjectNode) event.path("data").path("object")).putObject("metadata");
    String payload = event.toString();

    HttpResponse<String> response =
        postWebhook(payload, stub.signatureHeader(payload, Instant.now().getEpochSecond()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("has no " + StripeGateway.CALLBACK_ID_KEY);
  }

  @Test
  void otherEventTypesAreAcknowledged() throws Exception {
    long amount = NEXT_AMOUNT.getAndIncrement();
    PaymentIntentSummary intent = service().processPayment(request("pm_card_visa", amount, false));
    ObjectNode event =
        (ObjectNode) JSON.readTree(stub.eventPayload(intent.id(), "payment_intent.succeeded"));
    event.put("type", "customer.created");
    event.putObject("data").putObject("object").put("id", "cus_1").put("object", "customer");
    String payload = event.toString();

    HttpResponse<String> response =
        postWebhook(payload, stub.signatureHeader(payload, Instant.now().getEpochSecond()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("\"acknowledged customer.created\"");
  }

  @Test
  void unknownPaymentMethodIsRejected() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () ->
                service()
                    .processPayment(request("pm_unknown", NEXT_AMOUNT.getAndIncrement(), false)));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error))
        .contains("Stripe rejected the request: No such PaymentMethod: 'pm_unknown'");
  }

  @Test
  void missingPaymentMethodIdIsRejected() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class, () -> service().processPayment(request(null, 1_000, false)));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("paymentMethodId is missing");
  }

  @Test
  void missingAmountIsRejected() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () -> service().processPayment(new PaymentRequest("pm_card_visa", null, false)));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount is missing");
  }

  @Test
  void nonPositiveAmountIsRejected() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () -> service().processPayment(request("pm_card_visa", 0, false)));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount must be positive, got 0");
  }

  @Test
  void amountAboveStripeLimitIsRejected() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () -> service().processPayment(request("pm_card_visa", 100_000_000, false)));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount must be at most 99999999 cents, got 100000000");
  }

  private StripePaymentServiceClient.IngressClient service() {
    return StripePaymentServiceClient.fromClient(client);
  }

  private static PaymentRequest request(
      String paymentMethodId, long amount, boolean delayedStatus) {
    return new PaymentRequest(paymentMethodId, amount, delayedStatus);
  }

  private JsonNode awaitIntent(long amount) {
    await().atMost(Duration.ofSeconds(30)).until(() -> intentsFor(amount).size() == 1);
    return intentsFor(amount).get(0);
  }

  /**
   * Waits until the result of the Stripe call is in the journal, so the payment awaits the webhook.
   */
  private void awaitStripeCallJournaled(String invocationId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                RestateState.journalEntryTypes(restate, invocationId)
                    .contains("Notification: Run"));
  }

  /** Checks for a while that the invocation does not complete. */
  private void assertStillWaiting(String invocationId) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !RestateState.invocationStatus(restate, invocationId).equals("completed"));
  }

  private List<JsonNode> intentsFor(long amount) {
    return stub.paymentIntents().stream()
        .filter(intent -> intent.path("amount").asLong() == amount)
        .toList();
  }

  private List<RecordedRequest> requestsFor(long amount) {
    return stub.requests().stream()
        .filter(request -> String.valueOf(amount).equals(request.params().get("amount")))
        .toList();
  }

  private RecordedRequest onlyRequestFor(long amount) {
    List<RecordedRequest> requests = requestsFor(amount);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private HttpResponse<String> postWebhook(String payload, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(restate.ingressUrl() + "/stripePayments/processWebhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(IngressException error) {
    return new String(error.getResponseBody(), StandardCharsets.UTF_8);
  }
}
