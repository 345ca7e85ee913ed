package dev.restate.patterns.payments.signals;

/**
 * The Stripe API location and its secrets, from configuration for a real Stripe account or from the
 * local stub without one.
 *
 * @param apiBase the API base URL, {@code https://api.stripe.com} for Stripe itself
 * @param apiKey the secret API key
 * @param webhookSecret the signing secret of the webhook endpoint
 */
public record StripeConnection(String apiBase, String apiKey, String webhookSecret) {

  /** Leaves the secrets out, so that logging the connection never prints them. */
  @Override
  public String toString() {
    return "StripeConnection[apiBase=" + apiBase + "]";
  }
}
