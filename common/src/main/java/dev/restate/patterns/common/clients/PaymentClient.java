package dev.restate.patterns.common.clients;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated payment provider: charges a card and refunds a charge, both idempotent on a payment
 * id that the caller generates. A charge repeated with the same payment id charges nothing more,
 * and a repeated refund refunds nothing more.
 *
 * <p>Like a provider reached over a network, it fails now and then. A charge is declined at random
 * with {@code declineRate}, which is final ({@link DeclinedException}), and otherwise fails at
 * random with {@code failureRate}, which is worth retrying ({@link UnavailableException}). Three
 * test card numbers have fixed outcomes instead: {@link #ACCEPTING_CARD}, {@link #DECLINING_CARD}
 * and {@link #TIMEOUT_CARD}.
 *
 * <p>Call it inside a durable step ({@code ctx.run}) with a payment id that Restate has recorded,
 * so that a retried step charges under the same id. Every charge, refund and failure is logged and
 * recorded in the {@link EffectLog} under the system {@code payment} and the payment id.
 */
public class PaymentClient {

  /** A card that is always charged at the first attempt, for a reproducible payment. */
  public static final String ACCEPTING_CARD = "4242424242424242";

  /** A card that is always declined, for a reproducible failed payment. */
  public static final String DECLINING_CARD = "4000000000000002";

  /**
   * A card whose payments time out on their first {@value #TIMEOUT_CARD_FAILED_ATTEMPTS} charge
   * attempts and succeed on the next. The charge of the first attempt takes effect although its
   * response is lost, so only a retry with the same payment id avoids charging twice.
   */
  public static final String TIMEOUT_CARD = "4000000000000119";

  static final int TIMEOUT_CARD_FAILED_ATTEMPTS = 2;

  private static final Logger log = LoggerFactory.getLogger(PaymentClient.class);
  private static final String SYSTEM = "payment";

  private final EffectLog effects;
  private final double declineRate;
  private final double failureRate;

  /** Charged payments by payment id. */
  // NOTE: charges, refunds and attempts live in memory, so a restart loses them and a charge
  // retried after a restart charges again. A real provider stores its idempotency keys durably.
  private final Map<String, PaymentInfo> charges = new HashMap<>();

  private final Set<String> refunds = new HashSet<>();
  private final Map<String, Integer> chargeAttempts = new HashMap<>();

  /**
   * Creates a client whose charges fail at random with the given rates, each between 0 and 1.
   *
   * @param declineRate the share of charge attempts that are declined
   * @param failureRate the share of the remaining charge attempts that fail and are worth retrying
   */
  public PaymentClient(EffectLog effects, double declineRate, double failureRate) {
    this.effects = effects;
    this.declineRate = requireRate("declineRate", declineRate);
    this.failureRate = requireRate("failureRate", failureRate);
  }

  /**
   * Charges the card once per payment id.
   *
   * @throws DeclinedException when the card is declined, which is final
   * @throws UnavailableException when the provider failed or timed out. The charge may have taken
   *     effect anyway, so retry with the same payment id.
   */
  public synchronized void charge(PaymentInfo paymentInfo, String paymentId) {
    int attempt = chargeAttempts.merge(paymentId, 1, Integer::sum);
    String card = "card ending in " + lastDigits(paymentInfo.cardNumber());

    if (TIMEOUT_CARD.equals(paymentInfo.cardNumber()) && attempt <= TIMEOUT_CARD_FAILED_ATTEMPTS) {
      chargeOnce(paymentInfo, paymentId, card);
      log.warn("[SIMULATED] payment {}: timed out on attempt {}", paymentId, attempt);
      effects.record(SYSTEM, "timed out", paymentId, card);
      throw new UnavailableException(
          "Payment " + paymentId + " timed out. Retry with the same payment id.");
    }
    if (charges.containsKey(paymentId)) {
      log.info("payment {}: already charged, not charging again", paymentId);
      return;
    }
    boolean randomOutcome = !ACCEPTING_CARD.equals(paymentInfo.cardNumber());
    if (DECLINING_CARD.equals(paymentInfo.cardNumber())
        || (randomOutcome && ThreadLocalRandom.current().nextDouble() < declineRate)) {
      log.warn("[SIMULATED] payment {}: {} declined", paymentId, card);
      effects.record(SYSTEM, "declined", paymentId, card);
      throw new DeclinedException("This payment could not be accepted: " + card + " was declined");
    }
    if (randomOutcome && ThreadLocalRandom.current().nextDouble() < failureRate) {
      log.warn("[SIMULATED] payment {}: provider unavailable on attempt {}", paymentId, attempt);
      effects.record(SYSTEM, "failed", paymentId, card);
      throw new UnavailableException(
          "The payment provider is unavailable. Retry payment " + paymentId + " later.");
    }
    chargeOnce(paymentInfo, paymentId, card);
  }

  /**
   * Refunds the charge of a payment id, once. A payment that was never charged is marked refunded
   * too, so a refund can safely be sent when it is unknown whether the charge took effect.
   */
  public synchronized void refund(String paymentId) {
    if (!refunds.add(paymentId)) {
      log.info("payment {}: already refunded, not refunding again", paymentId);
      return;
    }
    PaymentInfo charged = charges.get(paymentId);
    if (charged == null) {
      log.info("payment {}: refunded, nothing had been charged", paymentId);
      effects.record(SYSTEM, "refunded", paymentId, "nothing charged");
      return;
    }
    log.info("payment {}: refunded {}", paymentId, charged.amount());
    effects.record(SYSTEM, "refunded", paymentId, "amount " + charged.amount());
  }

  private void chargeOnce(PaymentInfo paymentInfo, String paymentId, String card) {
    if (charges.putIfAbsent(paymentId, paymentInfo) == null) {
      log.info("payment {}: charged {} to {}", paymentId, paymentInfo.amount(), card);
      effects.record(SYSTEM, "charged", paymentId, "amount " + paymentInfo.amount() + ", " + card);
    }
  }

  private static String lastDigits(String cardNumber) {
    return cardNumber.substring(Math.max(0, cardNumber.length() - 4));
  }

  private static double requireRate(String name, double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
    }
    return rate;
  }

  /** A declined charge: final, so the caller should not retry it. */
  public static class DeclinedException extends RuntimeException {
    public DeclinedException(String message) {
      super(message);
    }
  }

  /** A failed or timed-out request to the provider. Retrying with the same payment id is safe. */
  public static class UnavailableException extends RuntimeException {
    public UnavailableException(String message) {
      super(message);
    }
  }
}
