package dev.restate.patterns.payments.statemachine;

/**
 * A payment request: charge {@code amount} cents to the account {@code accountId}.
 *
 * @param accountId the key of the {@code accounts} object to charge
 * @param amount the amount in cents, positive
 */
public record Payment(String accountId, Long amount) {}
