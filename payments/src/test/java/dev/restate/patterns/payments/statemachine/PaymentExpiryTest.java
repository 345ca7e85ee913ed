package dev.restate.patterns.payments.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.payments.RestateState;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The expiry of payment ids, with the hour of the demo shortened to two seconds. */
@SpringBootTest(properties = "demo.payments.expiry=PT2S")
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PaymentExpiryTest {

  /** The opening balance of the test profile. */
  private static final long OPENING_BALANCE = 1000;

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void completedPaymentIdExpiresAndCanBeReused() {
    String paymentId = "payment-" + UUID.randomUUID();
    String accountId = "account-" + UUID.randomUUID();
    PaymentProcessorClient.IngressClient payments =
        PaymentProcessorClient.fromClient(client, paymentId);
    payments.makePayment(new Payment(accountId, 100L));

    awaitStateCleared(paymentId);
    PaymentResult reused = payments.makePayment(new Payment(accountId, 200L));

    assertThat(reused.success()).isTrue();
    assertThat(reused.message())
        .isEqualTo("payment " + paymentId + " completed: 200 withdrawn from account " + accountId);
    assertThat(AccountClient.fromClient(client, accountId).balance())
        .isEqualTo(OPENING_BALANCE - 100 - 200);
  }

  @Test
  void cancelledPaymentIdExpiresAndCanBeReused() {
    String paymentId = "payment-" + UUID.randomUUID();
    String accountId = "account-" + UUID.randomUUID();
    PaymentProcessorClient.IngressClient payments =
        PaymentProcessorClient.fromClient(client, paymentId);
    payments.cancelPayment();

    awaitStateCleared(paymentId);
    PaymentResult reused = payments.makePayment(new Payment(accountId, 100L));

    assertThat(reused.success()).isTrue();
    assertThat(reused.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(AccountClient.fromClient(client, accountId).balance())
        .isEqualTo(OPENING_BALANCE - 100);
  }

  private void awaitStateCleared(String paymentId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> RestateState.of(restate, "payments", paymentId).isEmpty());
  }
}
