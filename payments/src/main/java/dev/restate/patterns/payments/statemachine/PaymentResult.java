package dev.restate.patterns.payments.statemachine;

/**
 * The result of {@code makePayment} and {@code cancelPayment}.
 *
 * @param success whether the payment id is paid after a {@code makePayment}, or cancelled after a
 *     {@code cancelPayment}
 * @param status the status of the payment id after the call
 * @param message what happened, in words, with the payment id first
 */
public record PaymentResult(boolean success, PaymentStatus status, String message) {}
