package dev.restate.patterns.payments.signals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the payment flow to Stripe. With {@code stripe.api-key} set it talks to the configured
 * Stripe API; without it the stub configuration supplies the {@link StripeConnection}.
 */
@Configuration(proxyBeanMethods = false)
public class StripeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

  // NOTE: the tests run this path against the local stub only, because the build machines cannot
  // reach api.stripe.com. The requests and webhook checks are those of stripe-java 29.5.0.
  @Bean
  @ConditionalOnExpression("!'${stripe.api-key:}'.isBlank()")
  StripeConnection stripeConnection(StripeProperties properties) {
    if (properties.webhookSecret() == null || properties.webhookSecret().isBlank()) {
      throw new IllegalStateException(
          "stripe.webhook-secret is missing: set STRIPE_WEBHOOK_SECRET to the signing secret"
              + " of the webhook endpoint (Stripe dashboard, Developers, Webhooks)");
    }
    log.info("stripe: using the Stripe API at {}", properties.apiBase());
    return new StripeConnection(
        properties.apiBase(), properties.apiKey(), properties.webhookSecret());
  }

  @Bean
  StripeGateway stripeGateway(StripeConnection connection) {
    return new StripeGateway(connection);
  }
}
