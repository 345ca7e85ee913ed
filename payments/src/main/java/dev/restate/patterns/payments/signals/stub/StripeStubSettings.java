package dev.restate.patterns.payments.signals.stub;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local Stripe stub, under {@code demo.payments.stripe-stub}. The stub runs only
 * when no {@code stripe.api-key} is set.
 *
 * @param port the loopback port of the stub's PaymentIntents API; 0 picks a free one
 * @param webhookUrl where the stub sends its signed events; by default the {@code processWebhook}
 *     handler behind {@code restate.client.base-uri}
 * @param webhookDelay how long after creating a PaymentIntent the stub settles a processing one and
 *     sends the intent's events
 * @param deliverWebhooks whether the stub sends events by itself; when false, only {@link
 *     StripeStub#deliverWebhooks(String)} sends them
 * @param failedResponses how many PaymentIntent responses, counted from start, the stub replaces
 *     with a 500 after it processed and stored the request, as if the response got lost
 */
@ConfigurationProperties(prefix = "demo.payments.stripe-stub")
public record StripeStubSettings(
    @DefaultValue("5006") int port,
    URI webhookUrl,
    @DefaultValue("PT3S") Duration webhookDelay,
    @DefaultValue("true") boolean deliverWebhooks,
    @DefaultValue("0") int failedResponses) {}
