package dev.restate.patterns.sagas;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failure settings of the simulated payment provider, under {@code demo.sagas}. The defaults are
 * those of the TypeScript demo. The test cards of {@link
 * dev.restate.patterns.common.clients.PaymentClient} give fixed outcomes whatever the rates.
 *
 * @param paymentDeclineRate share of charge attempts declined, which fails the booking for good
 * @param paymentFailureRate share of the other charge attempts that fail and are retried
 */
@ConfigurationProperties(prefix = "demo.sagas")
public record SagasDemoProperties(
    @DefaultValue("0.5") double paymentDeclineRate,
    @DefaultValue("0.8") double paymentFailureRate) {}
