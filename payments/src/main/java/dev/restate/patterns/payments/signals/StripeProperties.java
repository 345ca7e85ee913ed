package dev.restate.patterns.payments.signals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a real Stripe account, under {@code stripe}. Set the secrets through the environment
 * ({@code STRIPE_API_KEY}, {@code STRIPE_WEBHOOK_SECRET}); without an API key the module uses its
 * local stub of the PaymentIntents API instead.
 *
 * @param apiKey the secret API key, {@code sk_test_...} for a test account
 * @param webhookSecret the signing secret of the webhook endpoint, {@code whsec_...}
 * @param apiBase the API base URL
 */
@ConfigurationProperties(prefix = "stripe")
public record StripeProperties(
    String apiKey, String webhookSecret, @DefaultValue("https://api.stripe.com") String apiBase) {

  /** Leaves the secrets out, so that logging the settings never prints them. */
  @Override
  public String toString() {
    return "StripeProperties[apiBase=" + apiBase + "]";
  }
}
