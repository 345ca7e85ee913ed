package dev.restate.patterns.messaging.invoices;

import static dev.restate.patterns.messaging.invoices.StripeEvents.newCustomerId;
import static dev.restate.patterns.messaging.invoices.StripeEvents.newInvoiceId;
import static dev.restate.patterns.messaging.invoices.StripeEvents.paymentFailed;
import static dev.restate.patterns.messaging.invoices.StripeEvents.paymentSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.common.clients.InvoiceClient;
import dev.restate.patterns.messaging.MessagingTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The reminder chain with the one-day interval set to one second. */
@MessagingTest
class PaymentTrackerTest {

  /** Long enough for two more reminders at the test interval of one second. */
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

  @Autowired Client client;
  @Autowired EmailClient emailClient;
  @Autowired InvoiceClient invoiceClient;

  @Test
  void unpaidInvoiceGetsThreeRemindersThenOneEscalation() {
    String invoiceId = newInvoiceId();
    String customerId = newCustomerId();

    tracker(invoiceId).onPaymentFailure(paymentFailed(invoiceId, customerId));

    await().atMost(Duration.ofSeconds(60)).until(() -> tracker(invoiceId).getStatus().escalated());
    await()
        .during(QUIET_PERIOD)
        .atMost(QUIET_PERIOD.plusSeconds(30))
        .until(() -> supportEmailsAbout(invoiceId).size() == 1);
    assertThat(tracker(invoiceId).getStatus())
        .isEqualTo(new PaymentTrackerState(PaymentStatus.FAILED_ESCALATED, 3, false, true));
    assertThat(emailClient.sentTo(customerId))
        .extracting(EmailClient.Email::body)
        .containsExactly(
            "Please update your payment details. Reminder 1 of 3.",
            "Please update your payment details. Reminder 2 of 3.",
            "Please update your payment details. Reminder 3 of 3.");
    assertThat(invoiceClient.uncollectibleInvoices()).containsOnlyOnce(invoiceId);
  }

  @Test
  void successAfterFirstReminderStopsTheChain() {
    String invoiceId = newInvoiceId();
    String customerId = newCustomerId();
    tracker(invoiceId).onPaymentFailure(paymentFailed(invoiceId, customerId));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tracker(invoiceId).getStatus().remindersSent() == 1);

    tracker(invoiceId).onPaymentSuccess(paymentSucceeded(invoiceId, customerId));

    await()
        .during(QUIET_PERIOD)
        .atMost(QUIET_PERIOD.plusSeconds(30))
        .until(() -> emailClient.sentTo(customerId).size() == 1);
    assertThat(tracker(invoiceId).getStatus())
        .isEqualTo(new PaymentTrackerState(PaymentStatus.PAID, 1, true, false));
    assertThat(supportEmailsAbout(invoiceId)).isEmpty();
    assertThat(invoiceClient.uncollectibleInvoices()).doesNotContain(invoiceId);
  }

  @Test
  void repeatedFailureEventStartsOneChain() {
    String invoiceId = newInvoiceId();
    String customerId = newCustomerId();
    StripeEvent failure = paymentFailed(invoiceId, customerId);

    tracker(invoiceId).onPaymentFailure(failure);
    tracker(invoiceId).onPaymentFailure(failure);

    await().atMost(Duration.ofSeconds(60)).until(() -> tracker(invoiceId).getStatus().escalated());
    assertThat(emailClient.sentTo(customerId)).hasSize(3);
    assertThat(supportEmailsAbout(invoiceId)).hasSize(1);
  }

  @Test
  void failureAfterPaymentSendsNoReminder() {
    String invoiceId = newInvoiceId();
    String customerId = newCustomerId();
    tracker(invoiceId).onPaymentSuccess(paymentSucceeded(invoiceId, customerId));

    tracker(invoiceId).onPaymentFailure(paymentFailed(invoiceId, customerId));

    assertThat(tracker(invoiceId).getStatus())
        .isEqualTo(new PaymentTrackerState(PaymentStatus.PAID, 0, true, false));
    assertThat(emailClient.sentTo(customerId)).isEmpty();
  }

  @Test
  void eventForAnotherInvoiceIsRejected() {
    String invoiceId = newInvoiceId();

    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () -> tracker(invoiceId).onPaymentFailure(paymentFailed("in_other", newCustomerId())));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error))
        .contains("data.object.id 'in_other' does not match the invoice key '" + invoiceId + "'");
  }

  @Test
  void ingressCannotCallReminderOrEscalation() {
    String invoiceId = newInvoiceId();
    StripeEvent failure = paymentFailed(invoiceId, newCustomerId());

    IngressException reminder =
        catchThrowableOfType(
            IngressException.class, () -> tracker(invoiceId).remindPaymentFailed(failure));
    IngressException escalation =
        catchThrowableOfType(IngressException.class, () -> tracker(invoiceId).escalate(failure));

    assertThat(reminder.getStatusCode()).isEqualTo(400);
    assertThat(body(reminder)).contains("not public");
    assertThat(escalation.getStatusCode()).isEqualTo(400);
    assertThat(body(escalation)).contains("not public");
  }

  private PaymentTrackerClient.IngressClient tracker(String invoiceId) {
    return PaymentTrackerClient.fromClient(client, invoiceId);
  }

  private List<EmailClient.Email> supportEmailsAbout(String invoiceId) {
    return emailClient.sentTo(PaymentTracker.SUPPORT_EMAIL).stream()
        .filter(email -> email.subject().contains(invoiceId))
        .toList();
  }

  private static String body(IngressException error) {
    return new String(error.getResponseBody(), StandardCharsets.UTF_8);
  }
}
