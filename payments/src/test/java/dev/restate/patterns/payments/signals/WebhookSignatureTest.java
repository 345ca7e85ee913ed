package dev.restate.patterns.payments.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.patterns.payments.RestateState;
import dev.restate.patterns.payments.signals.stub.StripeStub;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A webhook call that Stripe did not sign as it is, with this endpoint's secret and recently, gets
 * 400 and leaves the payment it names waiting. So does a signed event whose callback id is no
 * awakeable id. Each test then sends the correctly signed event, which completes the payment, so
 * the rejected call carried a webhook that would have resolved it.
 */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookSignatureTest {

  /** Amounts of their own, so that each test finds its PaymentIntent in the shared stub. */
  private static final AtomicLong NEXT_AMOUNT = new AtomicLong(8_000);

  /** stripe-java's tolerance for the signed timestamp, {@code Webhook.DEFAULT_TOLERANCE}. */
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired StripeStub stub;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void tamperedBodyIsRejected() throws Exception {
    WaitingPayment payment = startWaitingPayment();
    String tampered = payment.webhook().replace("\"succeeded\"", "\"requires_capture\"");
    String signatureOfOriginal = stub.signatureHeader(payment.webhook(), now());

    HttpResponse<String> response = postWebhook(tampered, signatureOfOriginal);

    assertThat(tampered).isNotEqualTo(payment.webhook());
    assertRejected(response, "invalid Stripe-Signature");
    assertStillWaitingThenCompletes(payment, response);
  }

  @Test
  void wrongSecretIsRejected() throws Exception {
    WaitingPayment payment = startWaitingPayment();
    String signedWithOtherSecret = sign(payment.webhook(), now(), "not-this-endpoints-secret");

    HttpResponse<String> response = postWebhook(payment.webhook(), signedWithOtherSecret);

    assertRejected(response, "invalid Stripe-Signature");
    assertStillWaitingThenCompletes(payment, response);
  }

  @Test
  void timestampOutsideToleranceIsRejected() throws Exception {
    WaitingPayment payment = startWaitingPayment();
    long tooOld = now() - TOLERANCE.plusMinutes(1).toSeconds();

    HttpResponse<String> response =
        postWebhook(payment.webhook(), stub.signatureHeader(payment.webhook(), tooOld));

    assertRejected(response, "Timestamp outside the tolerance zone");
    assertStillWaitingThenCompletes(payment, response);
  }

  @Test
  void missingSignatureHeaderIsRejected() throws Exception {
    WaitingPayment payment = startWaitingPayment();

    HttpResponse<String> response = postWebhook(payment.webhook(), null);

    assertRejected(response, "Stripe-Signature header is missing");
    assertStillWaitingThenCompletes(payment, response);
  }

  @Test
  void signedEventWithMalformedCallbackIdIsRejected() throws Exception {
    WaitingPayment payment = startWaitingPayment();
    String foreign =
        payment
            .webhook()
            .replaceAll(
                "\"restate_callback_id\":\"[^\"]*\"",
                "\"restate_callback_id\":\"not-an-awakeable\"");

    HttpResponse<String> response = postWebhook(foreign, stub.signatureHeader(foreign, now()));

    assertThat(foreign).contains("not-an-awakeable");
    assertRejected(response, "must be a Restate awakeable id");
    assertStillWaitingThenCompletes(payment, response);
  }

  /** A payment suspended on its awakeable, and the success event of its PaymentIntent. */
  private record WaitingPayment(String invocationId, String intentId, String webhook) {}

  private WaitingPayment startWaitingPayment() {
    long amount = NEXT_AMOUNT.getAndIncrement();
    SendResponse<PaymentIntentSummary> sent =
        StripePaymentServiceClient.fromClient(client)
            .send()
            .processPayment(
                new PaymentRequest(StripeStub.PROCESSING_PAYMENT_METHOD, amount, false));
    String intentId =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    stub.paymentIntents().stream()
                        .filter(intent -> intent.path("amount").asLong() == amount)
                        .map(intent -> intent.path("id").asText())
                        .toList(),
                ids -> ids.size() == 1)
            .get(0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> journal(sent.invocationId()).contains("Notification: Run"));
    stub.settle(intentId);
    return new WaitingPayment(
        sent.invocationId(), intentId, stub.eventPayload(intentId, "payment_intent.succeeded"));
  }

  private static void assertRejected(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains(message);
  }

  /**
   * Checks that the rejected call completed no awakeable and the payment still waits. Then checks
   * that the correctly signed event completes an awakeable and the payment.
   */
  private void assertStillWaitingThenCompletes(
      WaitingPayment payment, HttpResponse<String> rejected) throws Exception {
    String rejectedInvocation = rejected.headers().firstValue("x-restate-id").orElseThrow();
    assertThat(journal(rejectedInvocation)).noneMatch(entry -> entry.contains("Awakeable"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !status(payment.invocationId()).equals("completed"));

    HttpResponse<String> signed =
        postWebhook(payment.webhook(), stub.signatureHeader(payment.webhook(), now()));

    assertThat(signed.statusCode()).isEqualTo(200);
    String signedInvocation = signed.headers().firstValue("x-restate-id").orElseThrow();
    assertThat(journal(signedInvocation)).anyMatch(entry -> entry.contains("Awakeable"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(payment.invocationId()).equals("completed"));
  }

  private List<String> journal(String invocationId) {
    return RestateState.journalEntryTypes(restate, invocationId);
  }

  private String status(String invocationId) {
    return RestateState.invocationStatus(restate, invocationId);
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

  /** Signs as Stripe does, {@code t=<seconds>,v1=<HMAC-SHA256 of t.payload>}, with any secret. */
  private static String sign(String payload, long timestampSeconds, String secret)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest =
        mac.doFinal((timestampSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
    return "t=" + timestampSeconds + ",v1=" + HexFormat.of().formatHex(digest);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
