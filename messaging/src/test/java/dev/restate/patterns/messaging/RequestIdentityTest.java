package dev.restate.patterns.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.messaging.invoices.PaymentTrackerClient;
import dev.restate.patterns.messaging.invoices.StripeEvent;
import dev.restate.patterns.testing.SigningRestateServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code restate.sdk.identity-key} set, the endpoint accepts only requests signed by the
 * Restate server with the matching private key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RequestIdentityTest {

  static SigningRestateServer signing;

  @BeforeAll
  static void startSigningServerAndApplication() {
    signing =
        SigningRestateServer.start(MessagingApplication.class, "--spring.profiles.active=test");
  }

  @AfterAll
  static void stop() {
    if (signing != null) {
      signing.close();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    PaymentTrackerClient.IngressClient tracker =
        PaymentTrackerClient.fromClient(signing.client(), "in_signed");
    StripeEvent paid =
        new StripeEvent(
            "evt_signed",
            "invoice.payment_succeeded",
            1_734_000_000L,
            new StripeEvent.Data(new StripeEvent.Invoice("in_signed", "cus_signed")));

    tracker.onPaymentSuccess(paid);

    assertThat(tracker.getStatus().paid()).isTrue();
  }

  @Test
  void unsignedCallToEndpointIsRejected() {
    int discovery = signing.unsignedRequestStatus(SigningRestateServer.DISCOVERY_PATH);
    int invocation = signing.unsignedRequestStatus("/invoke/PaymentTracker/onPaymentSuccess");

    assertThat(discovery).isEqualTo(401);
    assertThat(invocation).isEqualTo(401);
  }
}
