package dev.restate.patterns.payments.signals.stub;

import dev.restate.patterns.payments.signals.StripeConnection;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the payment flow against the local Stripe stub when no {@code stripe.api-key} is set, so
 * that the demo works without a Stripe account and without network access.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${stripe.api-key:}'.isBlank()")
public class StripeStubConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StripeStubConfiguration.class);

  private static final String WEBHOOK_PATH = "/stripePayments/processWebhook";

  @Bean(destroyMethod = "close")
  StripeStub stripeStub(
      StripeStubSettings settings,
      @Value("${restate.client.base-uri:http://localhost:8080}") String ingressUrl) {
    URI webhookUrl = settings.webhookUrl();
    if (webhookUrl == null) {
      String base =
          ingressUrl.endsWith("/") ? ingressUrl.substring(0, ingressUrl.length() - 1) : ingressUrl;
      webhookUrl = URI.create(base + WEBHOOK_PATH);
    }
    StripeStub stub = StripeStub.start(settings, webhookUrl);
    log.info(
        "stripe: no stripe.api-key set (STRIPE_API_KEY), using the local Stripe stub at {},"
            + " which sends its webhooks to {}",
        stub.apiBase(),
        webhookUrl);
    return stub;
  }

  @Bean
  StripeConnection stripeStubConnection(StripeStub stub) {
    return stub.connection();
  }
}
