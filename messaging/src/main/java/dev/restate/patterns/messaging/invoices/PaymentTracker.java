package dev.restate.patterns.messaging.invoices;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.quote;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.common.clients.InvoiceClient;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateServiceConfigurator;
import dev.restate.sdk.springboot.RestateVirtualObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduling tasks: reminds a customer of a failed invoice payment once a day, three times, then
 * escalates to support.
 *
 * <p>A virtual object keyed by invoice id. Each reminder schedules the next one with a delayed
 * one-way call to itself; Restate keeps that timer durably, so the chain survives crashes and
 * restarts of both the application and the server. A payment success stops the chain: the next
 * reminder finds the invoice paid and does nothing. The module README walks through the demo.
 *
 * <pre>
 * onPaymentFailure --> remind --(1 day)--> remind --(1 day)--> remind --(1 day)--> escalate
 * </pre>
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject(configuration = "paymentTrackerConfigurator")
@Name("PaymentTracker")
public class PaymentTracker {

  private static final Logger log = LoggerFactory.getLogger(PaymentTracker.class);

  private static final StateKey<PaymentStatus> STATUS = StateKey.of("status", PaymentStatus.class);
  private static final StateKey<Integer> REMINDERS_COUNT =
      StateKey.of("reminders_count", Integer.class);

  /** Reminders sent before the invoice goes to support. */
  static final int MAX_REMINDERS = 3;

  /** Maximum length of an invoice id; Stripe's ids are far shorter. */
  static final int MAX_INVOICE_ID_LENGTH = 256;

  /** The support team's address, which gets the escalation email. */
  static final String SUPPORT_EMAIL = "support@example.com";

  private final ReminderProperties properties;
  private final EmailClient emailClient;
  private final InvoiceClient invoiceClient;

  public PaymentTracker(
      ReminderProperties properties, EmailClient emailClient, InvoiceClient invoiceClient) {
    this.properties = properties;
    this.emailClient = emailClient;
    this.invoiceClient = invoiceClient;
  }

  /** Starts the reminder chain for a failed payment, unless one ran or the invoice is paid. */
  @Handler
  public void onPaymentFailure(ObjectContext ctx, StripeEvent event) {
    requireEventOf(ctx.key(), event);
    requireText("data.object.customer", event.customerId());
    String invoiceId = ctx.key();

    // 1. Payment providers deliver a webhook at least once, so the same failure can arrive twice.
    // Start the chain only for an invoice this object has not seen fail or get paid.
    PaymentStatus status = ctx.get(STATUS).orElse(null);
    if (status != null) {
      log.info("invoice {}: payment failure ignored, status is {}", invoiceId, status);
      return;
    }

    // 2. Send the first reminder and schedule the next.
    log.info("invoice {}: payment failed, starting reminders", invoiceId);
    remindOrEscalate(ctx, event);
  }

  /**
   * Sends the next reminder, or escalates after the last one. This object schedules it for itself
   * with a delay. The handler is private to the ingress, so clients cannot call it.
   */
  @Handler
  public void remindPaymentFailed(ObjectContext ctx, StripeEvent event) {
    requireEventOf(ctx.key(), event);
    String invoiceId = ctx.key();

    // 1. Stop the chain when the invoice was paid in the meantime.
    PaymentStatus status = ctx.get(STATUS).orElse(null);
    if (status != PaymentStatus.FAILED) {
      log.info("invoice {}: reminder skipped, status is {}", invoiceId, status);
      return;
    }

    // 2. Remind the customer again, or hand the invoice to support.
    remindOrEscalate(ctx, event);
  }

  /** Records that the invoice was paid; a reminder that fires later does nothing. */
  @Handler
  public void onPaymentSuccess(ObjectContext ctx, StripeEvent event) {
    requireEventOf(ctx.key(), event);
    String invoiceId = ctx.key();

    ctx.set(STATUS, PaymentStatus.PAID);
    log.info("invoice {}: paid", invoiceId);
  }

  /**
   * Hands an unpaid invoice to support, once: marks it uncollectible at the payment provider and
   * emails the support team. Only this object calls it, because the handler is private to the
   * ingress.
   */
  @Handler
  public void escalate(ObjectContext ctx, StripeEvent event) {
    requireEventOf(ctx.key(), event);
    String invoiceId = ctx.key();

    // 1. Only a failed invoice is escalated: not a paid one, and not one escalated before.
    PaymentStatus status = ctx.get(STATUS).orElse(null);
    if (status != PaymentStatus.FAILED) {
      log.info("invoice {}: escalation skipped, status is {}", invoiceId, status);
      return;
    }

    // 2. Stop the payment provider's own retries for the invoice.
    ctx.run("mark invoice uncollectible", () -> invoiceClient.markUncollectible(invoiceId));

    // 3. Ask a human to follow up.
    ctx.run(
        "email support",
        () ->
            emailClient.send(
                SUPPORT_EMAIL,
                "Invoice " + invoiceId + " unpaid after " + MAX_REMINDERS + " reminders",
                "Customer "
                    + event.customerId()
                    + " did not pay invoice "
                    + invoiceId
                    + ". It is marked uncollectible; please contact the customer."));
    ctx.set(STATUS, PaymentStatus.FAILED_ESCALATED);
    log.info("invoice {}: escalated to support", invoiceId);
  }

  /** Returns the stored status and reminder count. Runs concurrently with the other handlers. */
  @Shared
  public PaymentTrackerState getStatus(SharedObjectContext ctx) {
    PaymentStatus status = ctx.get(STATUS).orElse(null);
    int remindersSent = ctx.get(REMINDERS_COUNT).orElse(0);
    return new PaymentTrackerState(
        status,
        remindersSent,
        status == PaymentStatus.PAID,
        status == PaymentStatus.FAILED_ESCALATED);
  }

  /**
   * Sends the next reminder and schedules the one after it, or, when all reminders went out, calls
   * {@code escalate}.
   */
  private void remindOrEscalate(ObjectContext ctx, StripeEvent event) {
    String invoiceId = ctx.key();
    int remindersSent = ctx.get(REMINDERS_COUNT).orElse(0);
    PaymentTrackerClient.ContextClient self = PaymentTrackerClient.fromContext(ctx, invoiceId);

    if (remindersSent >= MAX_REMINDERS) {
      log.info("invoice {}: still unpaid after {} reminders, escalating", invoiceId, remindersSent);
      self.send().escalate(event);
      return;
    }

    int reminder = remindersSent + 1;
    // NOTE: the reminder goes to the customer id. Production code would look up the customer's
    // email address, or let the payment provider send its own dunning email.
    ctx.run(
        "email reminder",
        () ->
            emailClient.send(
                event.customerId(),
                "Payment failed for invoice " + invoiceId,
                "Please update your payment details. Reminder "
                    + reminder
                    + " of "
                    + MAX_REMINDERS
                    + "."));
    ctx.set(REMINDERS_COUNT, reminder);
    ctx.set(STATUS, PaymentStatus.FAILED);

    // A delayed call to this object: Restate stores it with its timer and invokes it when due.
    self.send().remindPaymentFailed(event, properties.interval());
    log.info(
        "invoice {}: reminder {} sent, next in {}", invoiceId, reminder, properties.interval());
  }

  /** Rejects an event without an invoice id, or for another invoice than this object's key. */
  private static void requireEventOf(String invoiceId, StripeEvent event) {
    requirePresent("event", event);
    requireText("data.object.id", event.invoiceId(), MAX_INVOICE_ID_LENGTH);
    if (!event.invoiceId().equals(invoiceId)) {
      throw badRequest(
          "data.object.id "
              + quote(event.invoiceId())
              + " does not match the invoice key "
              + quote(invoiceId));
    }
  }

  /** Lets only this object itself call {@code remindPaymentFailed} and {@code escalate}. */
  @Configuration(proxyBeanMethods = false)
  static class Configurator {

    @Bean
    RestateServiceConfigurator paymentTrackerConfigurator() {
      return service ->
          service
              .configureHandler("remindPaymentFailed", handler -> handler.ingressPrivate(true))
              .configureHandler("escalate", handler -> handler.ingressPrivate(true));
    }
  }
}
