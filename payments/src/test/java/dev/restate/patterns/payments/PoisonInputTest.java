package dev.restate.patterns.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.patterns.payments.signals.PaymentIntentSummary;
import dev.restate.patterns.payments.signals.PaymentRequest;
import dev.restate.patterns.payments.signals.StripePaymentServiceClient;
import dev.restate.patterns.payments.signals.stub.StripeStub;
import dev.restate.patterns.payments.statemachine.AccountClient;
import dev.restate.patterns.payments.statemachine.Payment;
import dev.restate.patterns.payments.statemachine.PaymentProcessorClient;
import dev.restate.patterns.payments.statemachine.PaymentSettings;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sends malformed requests to every handler and to the Stripe stub. Each is rejected with a 4xx
 * naming the problem or handled, and nothing is left retrying. A completed payment keeps its
 * account's balance, and a payment that waits for its webhook keeps waiting, as every changed
 * webhook body fails the signature check. A body that leaves out the optional {@code delayedStatus}
 * is accepted.
 */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_PAYMENT = "poison-kept-payment";
  private static final String KEPT_ACCOUNT = "poison-kept-account";
  private static final long KEPT_AMOUNT = 100;

  /**
   * An amount that no other test pays, so that the stub's intent of the waiting payment is ours.
   */
  private static final long WAITING_AMOUNT = 9_000;

  /** The amount of the payment with the README's body, also paid by no other test. */
  private static final long README_AMOUNT = 9_003;

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired StripeStub stub;
  @Autowired PaymentSettings settings;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    PaymentProcessorClient.fromClient(client, KEPT_PAYMENT)
        .makePayment(new Payment(KEPT_ACCOUNT, KEPT_AMOUNT));
    long keptBalance = settings.openingBalance() - KEPT_AMOUNT;
    SendResponse<PaymentIntentSummary> waiting =
        StripePaymentServiceClient.fromClient(client)
            .send()
            .processPayment(
                new PaymentRequest(StripeStub.PROCESSING_PAYMENT_METHOD, WAITING_AMOUNT, false));
    String intentId = awaitIntentOf(WAITING_AMOUNT);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RestateState.journalEntryTypes(restate, waiting.invocationId())
                    .contains("Notification: Run"));
    stub.settle(intentId);
    String webhook = stub.eventPayload(intentId, "payment_intent.succeeded");
    String signature = stub.signatureHeader(webhook, Instant.now().getEpochSecond());
    String account = "{\"accountId\":\"" + KEPT_ACCOUNT + "\",\"amount\":" + KEPT_AMOUNT + "}";

    PoisonInputReport report =
        PoisonInputMatrix.forModule("payments", restate)
            .target(
                PoisonTarget.objectHandler("payments", KEPT_PAYMENT, "makePayment")
                    .keyName("payment")
                    .jsonBody(account))
            .target(
                PoisonTarget.objectHandler("payments", KEPT_PAYMENT, "cancelPayment")
                    .keyName("payment"))
            .target(
                PoisonTarget.objectHandler("payments", KEPT_PAYMENT, "expireToken")
                    .keyName("payment"))
            .target(
                PoisonTarget.objectHandler("accounts", KEPT_ACCOUNT, "withdraw")
                    .keyName("account")
                    .bodyName("amount")
                    .jsonBody("1"))
            .target(
                PoisonTarget.objectHandler("accounts", KEPT_ACCOUNT, "deposit")
                    .keyName("account")
                    .bodyName("amount")
                    .jsonBody("1"))
            .target(
                PoisonTarget.objectHandler("accounts", KEPT_ACCOUNT, "balance").keyName("account"))
            .target(
                PoisonTarget.handler("stripePayments", "processPayment")
                    .jsonBody(
                        "{\"paymentMethodId\":\"pm_card_visa\",\"amount\":9001,"
                            + "\"delayedStatus\":false}"))
            .target(
                PoisonTarget.handler("stripePayments", "processWebhook")
                    .header("Stripe-Signature", signature)
                    .jsonBody(webhook)
                    .mentions("Stripe-Signature"))
            .target(
                PoisonTarget.endpoint("POST", stub.apiBase(), "/v1/payment_intents")
                    .header("Authorization", "Bearer " + stub.connection().apiKey())
                    .header("Idempotency-Key", "poison-stub-request")
                    .textBody(
                        "amount=9002&currency=usd&payment_method=pm_card_visa&confirm=true",
                        "application/x-www-form-urlencoded"))
            .keepsState(
                "balance of " + KEPT_ACCOUNT,
                keptBalance,
                () -> AccountClient.fromClient(client, KEPT_ACCOUNT).balance())
            .keepsState(
                "payment waiting for the webhook of " + intentId,
                "waiting",
                () -> waitingOrStatus(waiting.invocationId()))
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }

  @Test
  void paymentWithoutDelayedStatusIsAccepted() throws Exception {
    // The body of the first Stripe curl of the README, which leaves the optional field out.
    String body = "{\"paymentMethodId\": \"pm_card_visa\", \"amount\": " + README_AMOUNT + "}";

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(restate.ingressUrl() + "/stripePayments/processPayment"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"succeeded\"");
  }

  /**
   * Returns {@code waiting} for an invocation that runs or is suspended, else its status. Restate
   * suspends a waiting invocation only after an inactivity timeout, so both mean waiting here.
   */
  private String waitingOrStatus(String invocationId) {
    String status = RestateState.invocationStatus(restate, invocationId);
    return status.equals("running") || status.equals("suspended") ? "waiting" : status;
  }

  private String awaitIntentOf(long amount) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stub.paymentIntents().stream()
                    .filter(intent -> intent.path("amount").asLong() == amount)
                    .map(intent -> intent.path("id").asText())
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }
}
