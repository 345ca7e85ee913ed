package dev.restate.patterns.payments.statemachine;

import static dev.restate.patterns.common.Validation.requirePositive;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateVirtualObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment state machine: one virtual object per payment id, with the status NEW, COMPLETED or
 * CANCELLED.
 *
 * <p>Restate runs one handler per payment id at a time and queues the others, so concurrent
 * payments and cancellations of one id never race. A payment is charged at most once: a repeat
 * returns what happened the first time. A cancellation that arrives before its payment marks the id
 * cancelled, so the late payment is rejected. A cancellation after completion refunds the account.
 * The status expires after a configured time (an hour by default) through a delayed call. The
 * module README walks through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("payments")
public class PaymentProcessor {

  private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

  private static final StateKey<PaymentStatus> STATUS = StateKey.of("status", PaymentStatus.class);
  private static final StateKey<Payment> PAYMENT = StateKey.of("payment", Payment.class);

  /** Maximum length of an account id. */
  static final int MAX_ACCOUNT_ID_LENGTH = 256;

  private final PaymentSettings settings;

  public PaymentProcessor(PaymentSettings settings) {
    this.settings = settings;
  }

  /** Charges the account once per payment id, unless the id was cancelled. */
  @Handler
  public PaymentResult makePayment(ObjectContext ctx, Payment payment) {
    requirePresent("payment", payment);
    requireText("accountId", payment.accountId(), MAX_ACCOUNT_ID_LENGTH);
    requirePositive("amount", payment.amount());
    String paymentId = ctx.key();

    // 1. A repeat returns what happened the first time, and charges nothing.
    PaymentStatus status = ctx.get(STATUS).orElse(PaymentStatus.NEW);
    if (status == PaymentStatus.COMPLETED) {
      Payment first = ctx.get(PAYMENT).orElseThrow();
      log.info("payment {}: already completed, not charged again", paymentId);
      return new PaymentResult(
          true,
          status,
          "payment "
              + paymentId
              + " was already completed: "
              + first.amount()
              + " withdrawn from account "
              + first.accountId());
    }
    if (status == PaymentStatus.CANCELLED) {
      log.info("payment {}: rejected, the payment id was cancelled", paymentId);
      return new PaymentResult(
          false, status, "payment " + paymentId + " was cancelled before, nothing charged now");
    }

    // 2. Charge the account. The call is in the journal, so a retry of this handler does not
    // withdraw a second time.
    WithdrawResult withdrawal =
        AccountClient.fromContext(ctx, payment.accountId()).withdraw(payment.amount()).await();
    if (!withdrawal.success()) {
      // The id stays NEW, so the caller may try again with the same id once the account is funded.
      log.info("payment {}: not made, {}", paymentId, withdrawal.reason());
      return new PaymentResult(
          false, status, "payment " + paymentId + " failed: " + withdrawal.reason());
    }

    // 3. Remember the payment, and let the id expire after a while.
    ctx.set(STATUS, PaymentStatus.COMPLETED);
    ctx.set(PAYMENT, payment);
    PaymentProcessorClient.fromContext(ctx, paymentId).send().expireToken(settings.expiry());
    log.info(
        "payment {}: completed, {} withdrawn from account {}",
        paymentId,
        payment.amount(),
        payment.accountId());
    return new PaymentResult(
        true,
        PaymentStatus.COMPLETED,
        "payment "
            + paymentId
            + " completed: "
            + payment.amount()
            + " withdrawn from account "
            + payment.accountId());
  }

  /** Cancels the payment id: refunds a completed payment, or blocks one that has not arrived. */
  @Handler
  public PaymentResult cancelPayment(ObjectContext ctx) {
    String paymentId = ctx.key();
    PaymentStatus status = ctx.get(STATUS).orElse(PaymentStatus.NEW);

    switch (status) {
      case NEW -> {
        // The cancellation may have overtaken its payment: mark the id so the payment is rejected.
        ctx.set(STATUS, PaymentStatus.CANCELLED);
        PaymentProcessorClient.fromContext(ctx, paymentId).send().expireToken(settings.expiry());
        log.info("payment {}: cancelled before it arrived", paymentId);
        return new PaymentResult(
            true,
            PaymentStatus.CANCELLED,
            "payment " + paymentId + " cancelled before it arrived, it will not be charged");
      }
      case COMPLETED -> {
        // The refund call is in the journal, so a retry neither refunds twice nor skips it.
        Payment payment = ctx.get(PAYMENT).orElseThrow();
        AccountClient.fromContext(ctx, payment.accountId()).deposit(payment.amount()).await();
        ctx.set(STATUS, PaymentStatus.CANCELLED);
        log.info(
            "payment {}: cancelled, {} refunded to account {}",
            paymentId,
            payment.amount(),
            payment.accountId());
        return new PaymentResult(
            true,
            PaymentStatus.CANCELLED,
            "payment "
                + paymentId
                + " cancelled: "
                + payment.amount()
                + " refunded to account "
                + payment.accountId());
      }
      default -> {
        log.info("payment {}: already cancelled", paymentId);
        return new PaymentResult(
            true, PaymentStatus.CANCELLED, "payment " + paymentId + " was already cancelled");
      }
    }
  }

  /** Clears the state of the payment id, so the id can be used again. */
  @Handler
  public void expireToken(ObjectContext ctx) {
    ctx.clearAll();
    log.info("payment {}: expired, state cleared", ctx.key());
  }
}
