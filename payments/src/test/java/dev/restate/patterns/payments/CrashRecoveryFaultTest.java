package dev.restate.patterns.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.patterns.payments.signals.PaymentIntentSummary;
import dev.restate.patterns.payments.signals.PaymentRequest;
import dev.restate.patterns.payments.signals.StripeConnection;
import dev.restate.patterns.payments.signals.StripePaymentServiceClient;
import dev.restate.patterns.payments.signals.stub.StripeStub;
import dev.restate.patterns.payments.signals.stub.StripeStubSettings;
import dev.restate.patterns.payments.statemachine.AccountClient;
import dev.restate.patterns.payments.statemachine.Payment;
import dev.restate.patterns.payments.statemachine.PaymentProcessorClient;
import dev.restate.patterns.payments.statemachine.PaymentResult;
import dev.restate.patterns.payments.statemachine.PaymentStatus;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server in the middle of both payment
 * patterns, and counts their effects outside the killed JVM:
 *
 * <ul>
 *   <li>Stripe payments, against a Stripe stub that runs in this test's JVM: some payments wait on
 *       their awakeable for the webhook, others are inside the Stripe call step, whose responses
 *       the stub fails so that the step retries. Each payment still creates one PaymentIntent, with
 *       the same idempotency key in every attempt, and succeeds once its webhook arrives.
 *   <li>the payment state machine: payments sent before the fault and while the application or
 *       server is down. Each payment id withdraws once, which the account balances in Restate show,
 *       and a repeated payment id withdraws nothing.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "payments";
  private static final String PROCESSING_METHOD = StripeStub.PROCESSING_PAYMENT_METHOD;
  private static final String CARD_METHOD = "pm_card_visa";
  private static final int WEBHOOK_PAYMENTS = 3;
  private static final int RETRIED_PAYMENTS = 2;
  private static final int ACCOUNTS = 3;
  private static final int PAYMENTS_PER_ACCOUNT = 10;
  private static final long PAYMENT_AMOUNT = 100;
  private static final long OPENING_BALANCE = 1_000_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private FaultTestServer restate;
  private StripeStub stripe;
  private ApplicationProcess application;
  private Client client;

  @BeforeAll
  void startServerStubAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    stripe =
        StripeStub.start(
            new StripeStubSettings(0, null, Duration.ofSeconds(1), false, 0),
            URI.create(restate.ingressUrl() + "/stripePayments/processWebhook"));
    StripeConnection connection = stripe.connection();
    application =
        ApplicationProcess.builder(MODULE + "-faults", PaymentsApplication.class)
            .ingress(restate.ingressUrl())
            .setting("stripe.api-key=" + connection.apiKey())
            .setting("stripe.webhook-secret=" + connection.webhookSecret())
            .setting("stripe.api-base=" + connection.apiBase())
            .setting("demo.payments.opening-balance=" + OPENING_BALANCE)
            .build();
    application.start();
    restate.register(application);
    client = restate.client();
  }

  @AfterAll
  void stopEverything() {
    if (application != null) {
      application.close();
    }
    if (stripe != null) {
      stripe.close();
    }
    if (restate != null) {
      restate.close();
    }
  }

  @Test
  void killMidFlightChargesEveryPaymentOnce() {
    Flight flight = new Flight("kill", 5100);

    flight.startAndAwaitMidFlight();
    application.kill();
    flight.sendSecondHalfOfStateMachinePayments();
    stripe.failNextResponses(0);
    application.start();

    flight.awaitAndCheck("kill during webhook waits, Stripe step retries and withdrawals");
  }

  @Test
  void serverRestartMidFlightChargesEveryPaymentOnce() {
    Flight flight = new Flight("restart", 5200);

    flight.startAndAwaitMidFlight();
    restate.restart();
    flight.sendSecondHalfOfStateMachinePayments();
    stripe.failNextResponses(0);

    flight.awaitAndCheck(
        "restate-server restart during webhook waits, Stripe step retries and withdrawals");
  }

  /** The Stripe payments and state machine payments of one scenario. */
  private final class Flight {

    private final String prefix;
    private final long firstAmount;
    private final List<String> stripeInvocationIds = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();
    private final List<String> paymentIds = new ArrayList<>();
    private final List<String> stateMachineInvocationIds = new ArrayList<>();

    /**
     * @param firstAmount the amount of the first Stripe payment; the others follow in steps of one
     *     cent, so that the amount identifies the stub's PaymentIntents of this flight
     */
    Flight(String prefix, long firstAmount) {
      this.prefix = prefix + "-" + UUID.randomUUID();
      this.firstAmount = firstAmount;
      for (int a = 0; a < ACCOUNTS; a++) {
        String account = this.prefix + "-account-" + a;
        accounts.add(account);
        for (int p = 0; p < PAYMENTS_PER_ACCOUNT; p++) {
          paymentIds.add(account + "-payment-" + p);
        }
      }
    }

    /**
     * Starts the payments, then waits until the webhook payments wait on their awakeables and the
     * other Stripe payments failed at least twice in their Stripe call step.
     */
    void startAndAwaitMidFlight() {
      for (int i = 0; i < WEBHOOK_PAYMENTS; i++) {
        stripeInvocationIds.add(sendStripePayment(PROCESSING_METHOD, firstAmount + i));
      }
      await().atMost(TIMEOUT).until(() -> intents().size() == WEBHOOK_PAYMENTS);

      stripe.failNextResponses(Integer.MAX_VALUE);
      for (int i = WEBHOOK_PAYMENTS; i < WEBHOOK_PAYMENTS + RETRIED_PAYMENTS; i++) {
        stripeInvocationIds.add(sendStripePayment(CARD_METHOD, firstAmount + i));
      }
      sendStateMachinePayments(0, paymentIds.size() / 2);

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  intents().size() == WEBHOOK_PAYMENTS + RETRIED_PAYMENTS
                      && failedRequestsOfRetriedPayments() >= 2L * RETRIED_PAYMENTS);
    }

    void sendSecondHalfOfStateMachinePayments() {
      sendStateMachinePayments(paymentIds.size() / 2, paymentIds.size());
    }

    void awaitAndCheck(String scenario) {
      List<JsonNode> processing =
          intents().stream()
              .filter(intent -> intent.path("status").asText().equals("processing"))
              .toList();
      for (JsonNode intent : processing) {
        String intentId = intent.path("id").asText();
        stripe.settle(intentId);
        assertThat(stripe.deliverWebhooks(intentId))
            .allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(200));
      }
      List<Outcome<PaymentIntentSummary>> stripeOutcomes =
          Invocations.awaitAll(client, stripeInvocationIds, PaymentIntentSummary.class, TIMEOUT);
      List<Outcome<PaymentResult>> stateMachineOutcomes =
          Invocations.awaitAll(client, stateMachineInvocationIds, PaymentResult.class, TIMEOUT);
      long completed =
          stripeOutcomes.stream().filter(Outcome::succeeded).count()
              + stateMachineOutcomes.stream().filter(Outcome::succeeded).count();
      long withdrawals =
          accounts.stream()
              .mapToLong(
                  account ->
                      (OPENING_BALANCE - AccountClient.fromClient(client, account).balance())
                          / PAYMENT_AMOUNT)
              .sum();
      long expectedEffects = WEBHOOK_PAYMENTS + RETRIED_PAYMENTS + paymentIds.size();
      long countedEffects = intents().size() + withdrawals;
      new FaultReport(
              MODULE,
              scenario,
              stripeInvocationIds.size() + stateMachineInvocationIds.size(),
              (int) completed,
              expectedEffects,
              countedEffects)
          .print();

      assertThat(stripeOutcomes)
          .allSatisfy(
              outcome -> {
                assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
                assertThat(outcome.value().status()).isEqualTo("succeeded");
              });
      assertThat(intents()).hasSize(WEBHOOK_PAYMENTS + RETRIED_PAYMENTS);
      assertThat(idempotencyKeysOfThisFlight()).hasSize(WEBHOOK_PAYMENTS + RETRIED_PAYMENTS);
      assertThat(stateMachineOutcomes)
          .allSatisfy(
              outcome -> {
                assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
                assertThat(outcome.value().status()).isEqualTo(PaymentStatus.COMPLETED);
              });
      assertThat(withdrawals).isEqualTo(paymentIds.size());
      assertRepeatedPaymentsWithdrawNothing();
      assertThat(countedEffects).isEqualTo(expectedEffects);
      assertThat(restate.unfinishedInvocationsOf("stripePayments", "accounts")).isEmpty();
      assertThat(
              restate.unfinishedInvocationsOf("payments").stream()
                  .filter(row -> !row.path("target").asText().endsWith("expireToken")))
          .isEmpty();
    }

    /** Sends every fifth payment id again: it returns the first result and withdraws nothing. */
    private void assertRepeatedPaymentsWithdrawNothing() {
      List<Long> balances = balances();
      for (int i = 0; i < paymentIds.size(); i += 5) {
        PaymentResult repeated =
            PaymentProcessorClient.fromClient(client, paymentIds.get(i))
                .makePayment(new Payment(accountOf(i), PAYMENT_AMOUNT));
        assertThat(repeated.success()).isTrue();
        assertThat(repeated.message()).contains("already completed");
      }
      assertThat(balances()).isEqualTo(balances);
    }

    private String sendStripePayment(String paymentMethod, long amount) {
      return StripePaymentServiceClient.fromClient(client)
          .send()
          .processPayment(new PaymentRequest(paymentMethod, amount, false))
          .invocationId();
    }

    private void sendStateMachinePayments(int from, int to) {
      for (int i = from; i < to; i++) {
        stateMachineInvocationIds.add(
            PaymentProcessorClient.fromClient(client, paymentIds.get(i))
                .send()
                .makePayment(new Payment(accountOf(i), PAYMENT_AMOUNT))
                .invocationId());
      }
    }

    private String accountOf(int paymentIndex) {
      return accounts.get(paymentIndex / PAYMENTS_PER_ACCOUNT);
    }

    private List<Long> balances() {
      return accounts.stream()
          .map(account -> AccountClient.fromClient(client, account).balance())
          .toList();
    }

    /** Returns the stub's PaymentIntents of this flight, identified by their amounts. */
    private List<JsonNode> intents() {
      return stripe.paymentIntents().stream()
          .filter(intent -> isAmountOfThisFlight(intent.path("amount").asLong()))
          .toList();
    }

    private long failedRequestsOfRetriedPayments() {
      return stripe.requests().stream()
          .filter(request -> request.status() == 500)
          .filter(request -> request.params().containsKey("amount"))
          .filter(request -> isAmountOfThisFlight(Long.parseLong(request.params().get("amount"))))
          .count();
    }

    private Set<String> idempotencyKeysOfThisFlight() {
      return stripe.requests().stream()
          .filter(request -> request.params().containsKey("amount"))
          .filter(request -> isAmountOfThisFlight(Long.parseLong(request.params().get("amount"))))
          .map(StripeStub.RecordedRequest::idempotencyKey)
          .collect(Collectors.toSet());
    }

    private boolean isAmountOfThisFlight(long amount) {
      return amount >= firstAmount && amount < firstAmount + WEBHOOK_PAYMENTS + RETRIED_PAYMENTS;
    }
  }
}
