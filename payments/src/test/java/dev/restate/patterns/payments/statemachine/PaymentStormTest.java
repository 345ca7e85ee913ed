package dev.restate.patterns.payments.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.payments.RestateState;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A storm of payments and cancellations in random order and concurrency, followed by a check of the
 * invariants that the state machine promises.
 */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PaymentStormTest {

  /** The opening balance of the test profile. */
  private static final long OPENING_BALANCE = 1000;

  private static final int CALLS = 200;
  private static final int PAYMENTS = 20;
  private static final int ACCOUNTS = 5;
  private static final int CONCURRENCY = 16;

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void stormKeepsBalancesAndStatusesConsistent() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String run = UUID.randomUUID().toString();
    List<StormPayment> payments = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      // Four payments per account that add up to more than its balance, so some fail.
      payments.add(
          new StormPayment(
              "storm-" + run + "-payment-" + i,
              "storm-" + run + "-account-" + (i % ACCOUNTS),
              150L + 37L * i));
    }
    List<Callable<Outcome>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      StormPayment payment = payments.get(random.nextInt(PAYMENTS));
      // About one call in seven cancels, so that some payments end COMPLETED and others CANCELLED.
      boolean cancel = random.nextInt(100) < 15;
      calls.add(() -> call(payment, cancel));
    }

    List<Outcome> outcomes = runConcurrently(calls);

    assertThat(outcomes).as("outcomes, seed %d", seed).hasSize(CALLS);
    Map<String, Long> expectedBalances = new HashMap<>();
    for (StormPayment payment : payments) {
      String status =
          RestateState.of(restate, "payments", payment.id()).getOrDefault("status", "\"NEW\"");
      long charges = count(outcomes, payment, Kind.CHARGED);
      long refunds = count(outcomes, payment, Kind.REFUNDED);
      String description = payment.id() + " (" + status + "), seed " + seed;

      assertThat(charges).as("charges of %s", description).isLessThanOrEqualTo(1);
      switch (status) {
        case "\"COMPLETED\"" -> {
          assertThat(charges).as("charges of %s", description).isEqualTo(1);
          assertThat(refunds).as("refunds of %s", description).isZero();
          expectedBalances.merge(payment.accountId(), payment.amount(), Long::sum);
        }
        case "\"CANCELLED\"" ->
            assertThat(refunds).as("refunds of %s", description).isEqualTo(charges);
        default -> {
          assertThat(charges).as("charges of %s", description).isZero();
          assertThat(refunds).as("refunds of %s", description).isZero();
        }
      }
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      String accountId = "storm-" + run + "-account-" + i;
      long charged = expectedBalances.getOrDefault(accountId, 0L);

      assertThat(AccountClient.fromClient(client, accountId).balance())
          .as("balance of %s, seed %d", accountId, seed)
          .isEqualTo(OPENING_BALANCE - charged);
    }
  }

  private Outcome call(StormPayment payment, boolean cancel) {
    PaymentProcessorClient.IngressClient processor =
        PaymentProcessorClient.fromClient(client, payment.id());
    PaymentResult result =
        cancel
            ? processor.cancelPayment()
            : processor.makePayment(new Payment(payment.accountId(), payment.amount()));
    return new Outcome(payment.id(), classify(payment, result.message()), result.message());
  }

  /** Sorts a result by its message, which the other tests pin word for word. */
  private static Kind classify(StormPayment payment, String message) {
    String prefix = "payment " + payment.id();
    String account = payment.amount() + " withdrawn from account " + payment.accountId();
    if (message.equals(prefix + " completed: " + account)) {
      return Kind.CHARGED;
    }
    if (message.equals(
        prefix
            + " cancelled: "
            + payment.amount()
            + " refunded to account "
            + payment.accountId())) {
      return Kind.REFUNDED;
    }
    if (message.equals(prefix + " was already completed: " + account)
        || message.equals(prefix + " was cancelled before, nothing charged now")
        || message.startsWith(prefix + " failed: insufficient funds in account ")
        || message.equals(prefix + " cancelled before it arrived, it will not be charged")
        || message.equals(prefix + " was already cancelled")) {
      return Kind.NO_MONEY_MOVED;
    }
    throw new AssertionError("unexpected message: " + message);
  }

  private static long count(List<Outcome> outcomes, StormPayment payment, Kind kind) {
    return outcomes.stream()
        .filter(outcome -> outcome.paymentId().equals(payment.id()) && outcome.kind() == kind)
        .count();
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(calls)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private record StormPayment(String id, String accountId, long amount) {}

  private enum Kind {
    CHARGED,
    REFUNDED,
    NO_MONEY_MOVED
  }

  private record Outcome(String paymentId, Kind kind, String message) {}
}
