package dev.restate.patterns.payments.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.payments.RestateState;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaymentProcessorTest {

  /** The opening balance of the test profile. */
  private static final long OPENING_BALANCE = 1000;

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void demoPayThenCancelRefundsAccount() {
    String paymentId = unique("payment");
    String accountId = unique("account");

    PaymentResult paid = payments(paymentId).makePayment(new Payment(accountId, 100L));
    long balanceAfterPayment = account(accountId).balance();
    PaymentResult cancelled = payments(paymentId).cancelPayment();

    assertThat(paid.success()).isTrue();
    assertThat(paid.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(paid.message())
        .isEqualTo("payment " + paymentId + " completed: 100 withdrawn from account " + accountId);
    assertThat(balanceAfterPayment).isEqualTo(OPENING_BALANCE - 100);
    assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cancelled.message())
        .isEqualTo("payment " + paymentId + " cancelled: 100 refunded to account " + accountId);
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE);
    Map<String, String> state = RestateState.of(restate, "payments", paymentId);
    assertThat(state).containsEntry("status", "\"CANCELLED\"");
    assertThat(state)
        .containsEntry("payment", "{\"accountId\":\"" + accountId + "\",\"amount\":100}");
  }

  @Test
  void repeatedPaymentReturnsFirstOutcome() {
    String paymentId = unique("payment");
    String accountId = unique("account");
    payments(paymentId).makePayment(new Payment(accountId, 100L));

    PaymentResult repeat = payments(paymentId).makePayment(new Payment(accountId, 100L));

    assertThat(repeat.success()).isTrue();
    assertThat(repeat.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(repeat.message())
        .isEqualTo(
            "payment "
                + paymentId
                + " was already completed: 100 withdrawn from account "
                + accountId);
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE - 100);
  }

  @Test
  void paymentAfterCancellationIsRejected() {
    String paymentId = unique("payment");
    String accountId = unique("account");
    payments(paymentId).makePayment(new Payment(accountId, 100L));
    payments(paymentId).cancelPayment();

    PaymentResult late = payments(paymentId).makePayment(new Payment(accountId, 100L));

    assertThat(late.success()).isFalse();
    assertThat(late.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(late.message())
        .isEqualTo("payment " + paymentId + " was cancelled before, nothing charged now");
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void cancelBeforePaymentBlocksLatePayment() {
    String paymentId = unique("payment");
    String accountId = unique("account");

    PaymentResult cancelled = payments(paymentId).cancelPayment();
    PaymentResult late = payments(paymentId).makePayment(new Payment(accountId, 100L));

    assertThat(cancelled.success()).isTrue();
    assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cancelled.message())
        .isEqualTo("payment " + paymentId + " cancelled before it arrived, it will not be charged");
    assertThat(late.success()).isFalse();
    assertThat(late.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE);
    assertThat(RestateState.of(restate, "payments", paymentId))
        .containsOnlyKeys("status")
        .containsEntry("status", "\"CANCELLED\"");
  }

  @Test
  void secondCancelRefundsNothing() {
    String paymentId = unique("payment");
    String accountId = unique("account");
    payments(paymentId).makePayment(new Payment(accountId, 100L));
    payments(paymentId).cancelPayment();

    PaymentResult second = payments(paymentId).cancelPayment();

    assertThat(second.success()).isTrue();
    assertThat(second.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(second.message()).isEqualTo("payment " + paymentId + " was already cancelled");
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void insufficientFundsFailsWithoutCharge() {
    String paymentId = unique("payment");
    String accountId = unique("account");

    PaymentResult failed = payments(paymentId).makePayment(new Payment(accountId, 1500L));

    assertThat(failed.success()).isFalse();
    assertThat(failed.status()).isEqualTo(PaymentStatus.NEW);
    assertThat(failed.message())
        .isEqualTo(
            "payment "
                + paymentId
                + " failed: insufficient funds in account "
                + accountId
                + ": balance 1000, amount 1500");
    assertThat(account(accountId).balance()).isEqualTo(OPENING_BALANCE);
    assertThat(RestateState.of(restate, "payments", paymentId)).isEmpty();
  }

  @Test
  void failedPaymentSucceedsAfterDeposit() {
    String paymentId = unique("payment");
    String accountId = unique("account");
    payments(paymentId).makePayment(new Payment(accountId, 1500L));
    account(accountId).deposit(500L);

    PaymentResult retried = payments(paymentId).makePayment(new Payment(accountId, 1500L));

    assertThat(retried.success()).isTrue();
    assertThat(retried.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(account(accountId).balance()).isZero();
  }

  @Test
  void missingAccountIdIsRejected() {
    IngressException error = makePaymentFails(new Payment(null, 100L));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("accountId is missing");
  }

  @Test
  void blankAccountIdIsRejected() {
    IngressException error = makePaymentFails(new Payment(" ", 100L));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("accountId must not be empty");
  }

  @Test
  void missingAmountIsRejected() {
    IngressException error = makePaymentFails(new Payment(unique("account"), null));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount is missing");
  }

  @Test
  void zeroAmountIsRejected() {
    IngressException error = makePaymentFails(new Payment(unique("account"), 0L));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount must be positive, got 0");
  }

  @Test
  void negativeAmountIsRejected() {
    IngressException error = makePaymentFails(new Payment(unique("account"), -5L));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("amount must be positive, got -5");
  }

  @Test
  void rejectedPaymentLeavesNoState() {
    String paymentId = unique("payment");

    catchThrowableOfType(
        IngressException.class,
        () -> payments(paymentId).makePayment(new Payment(unique("account"), 0L)));

    assertThat(RestateState.of(restate, "payments", paymentId)).isEmpty();
  }

  private IngressException makePaymentFails(Payment payment) {
    return catchThrowableOfType(
        IngressException.class, () -> payments(unique("payment")).makePayment(payment));
  }

  private PaymentProcessorClient.IngressClient payments(String paymentId) {
    return PaymentProcessorClient.fromClient(client, paymentId);
  }

  private AccountClient.IngressClient account(String accountId) {
    return AccountClient.fromClient(client, accountId);
  }

  private static String body(IngressException error) {
    return new String(error.getResponseBody(), StandardCharsets.UTF_8);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
