package dev.restate.patterns.payments.statemachine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the payment state machine, under {@code demo.payments}.
 *
 * @param expiry how long a payment id keeps its status after it completed or was cancelled. Then
 *     its state is cleared and the id can be used again.
 * @param openingBalance the balance in cents of an account that was never used before
 */
@ConfigurationProperties(prefix = "demo.payments")
public record PaymentSettings(
    @DefaultValue("PT1H") Duration expiry, @DefaultValue("100000") long openingBalance) {}
