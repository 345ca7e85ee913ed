package dev.restate.patterns.common.clients;

import java.math.BigDecimal;

/**
 * The card to charge and the amount to charge it.
 *
 * @param cardNumber the card number; see {@link PaymentClient} for test cards with fixed outcomes
 * @param amount the amount to charge, in the currency's main unit
 */
public record PaymentInfo(String cardNumber, BigDecimal amount) {}
