package dev.restate.patterns.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.restate.patterns.payments.signals.PaymentIntentSummary;
import dev.restate.patterns.payments.signals.StripeConnection;
import dev.restate.patterns.payments.signals.StripeGateway;
import dev.restate.patterns.payments.signals.WebhookEvent;
import dev.restate.patterns.payments.signals.stub.StripeStub;
import dev.restate.patterns.payments.signals.stub.StripeStubSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application by itself, the way a user does, to check how it picks between a Stripe
 * account from configuration and the local stub, and how it fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationStartupTest {

  @Test
  void withoutApiKeyStubIsUsed() {
    try (ConfigurableApplicationContext app = start("demo.payments.stripe-stub.port=0")) {
      StripeStub stub = app.getBean(StripeStub.class);

      assertThat(app.getBean(StripeConnection.class).apiBase()).isEqualTo(stub.apiBase());
    }
  }

  @Test
  void configuredApiKeyTalksToConfiguredApiBase() throws Exception {
    try (StripeStub stripe = standaloneStub()) {
      StripeConnection account = stripe.connection();

      try (ConfigurableApplicationContext app =
          start(
              "stripe.api-key=" + account.apiKey(),
              "stripe.webhook-secret=" + account.webhookSecret(),
              "stripe.api-base=" + account.apiBase())) {
        StripeGateway gateway = app.getBean(StripeGateway.class);
        PaymentIntentSummary intent =
            gateway.createPaymentIntent("pm_card_visa", 4_200, "key-1", "callback-1");
        String payload = stripe.eventPayload(intent.id(), "payment_intent.succeeded");
        WebhookEvent event =
            gateway.verifyWebhook(
                payload.getBytes(StandardCharsets.UTF_8),
                stripe.signatureHeader(payload, Instant.now().getEpochSecond()));

        assertThat(app.getBeansOfType(StripeStub.class)).isEmpty();
        assertThat(intent.status()).isEqualTo("succeeded");
        assertThat(stripe.requests()).hasSize(1);
        assertThat(stripe.requests().get(0).idempotencyKey()).isEqualTo("key-1");
        assertThat(event.callbackId()).isEqualTo("callback-1");
        assertThat(event.paymentIntent().id()).isEqualTo(intent.id());
      }
    }
  }

  @Test
  void apiKeyWithoutWebhookSecretFailsStart() {
    assertThatThrownBy(() -> start("stripe.api-key=sk_test_placeholder").close())
        .hasStackTraceContaining("stripe.webhook-secret is missing")
        .hasStackTraceContaining("STRIPE_WEBHOOK_SECRET");
  }

  @Test
  void takenStubPortFailsStartWithProperty() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> start("demo.payments.stripe-stub.port=" + port).close())
          .hasStackTraceContaining("The Stripe stub cannot listen on port " + port)
          .hasStackTraceContaining("demo.payments.stripe-stub.port");
    }
  }

  private static StripeStub standaloneStub() {
    return StripeStub.start(
        new StripeStubSettings(0, null, Duration.ofSeconds(3), false, 0),
        URI.create("http://127.0.0.1:1/unused"));
  }

  /** Passes the properties as command-line arguments, which override application.properties. */
  private static ConfigurableApplicationContext start(String... properties) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--restate.local.enabled=false",
                "--restate.sdk.http.port=0",
                "--restate.client.base-uri=http://127.0.0.1:1"));
    for (String property : properties) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(PaymentsApplication.class).run(args.toArray(String[]::new));
  }
}
