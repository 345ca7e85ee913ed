package dev.restate.patterns.messaging.invoices;

import static dev.restate.patterns.messaging.invoices.StripeEvents.event;
import static dev.restate.patterns.messaging.invoices.StripeEvents.newCustomerId;
import static dev.restate.patterns.messaging.invoices.StripeEvents.newInvoiceId;
import static dev.restate.patterns.messaging.invoices.StripeEvents.paymentFailed;
import static dev.restate.patterns.messaging.invoices.StripeEvents.paymentSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.client.Client;
import dev.restate.patterns.messaging.MessagingTest;
import dev.restate.patterns.testing.RestateTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Posts webhook events to the router on the Restate ingress as a payment provider would, and checks
 * where they arrive.
 */
@MessagingTest
class WebhookCallbackRouterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void paymentFailedReachesTrackerOfInvoice() throws Exception {
    String invoiceId = newInvoiceId();

    HttpResponse<String> response = postEvent(paymentFailed(invoiceId, newCustomerId()));

    assertThat(response.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              PaymentTrackerState state = tracker(invoiceId).getStatus();
              assertThat(state.status()).isEqualTo(PaymentStatus.FAILED);
              assertThat(state.remindersSent()).isGreaterThanOrEqualTo(1);
            });
  }

  @Test
  void paymentSucceededMarksInvoicePaid() throws Exception {
    String invoiceId = newInvoiceId();

    HttpResponse<String> response = postEvent(paymentSucceeded(invoiceId, newCustomerId()));

    assertThat(response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> tracker(invoiceId).getStatus().paid());
    assertThat(tracker(invoiceId).getStatus().remindersSent()).isZero();
  }

  @Test
  void otherEventTypeIsAcknowledgedAndIgnored() throws Exception {
    String invoiceId = newInvoiceId();

    HttpResponse<String> response =
        postEvent(event("invoice.finalized", invoiceId, newCustomerId()));

    assertThat(response.statusCode()).isEqualTo(200);
    // A routed event would reach the tracker within moments; none may arrive for a while.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(30))
        .until(() -> trackerInvocationsOf(invoiceId).isEmpty());
    assertThat(tracker(invoiceId).getStatus())
        .isEqualTo(new PaymentTrackerState(null, 0, false, false));
  }

  @Test
  void eventWithoutInvoiceIdIsRejected() throws Exception {
    HttpResponse<String> response = postEvent(paymentFailed(null, newCustomerId()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("data.object.id is missing");
  }

  @Test
  void eventWithoutDataIsRejected() throws Exception {
    HttpResponse<String> response =
        postJson("{\"id\":\"evt_1\",\"type\":\"invoice.payment_succeeded\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("data.object.id is missing");
  }

  @Test
  void failedEventWithoutCustomerIsRejected() throws Exception {
    HttpResponse<String> response = postEvent(paymentFailed(newInvoiceId(), null));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("data.object.customer is missing");
  }

  @Test
  void eventWithoutTypeIsRejected() throws Exception {
    HttpResponse<String> response = postEvent(event(null, newInvoiceId(), newCustomerId()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("type is missing");
  }

  @Test
  void fieldsUnknownToTheRouterAreIgnored() throws Exception {
    String invoiceId = newInvoiceId();

    HttpResponse<String> response =
        postJson(
            "{\"id\":\"evt_1\",\"object\":\"event\",\"livemode\":false,"
                + "\"type\":\"invoice.payment_succeeded\",\"data\":{\"object\":{\"id\":\""
                + invoiceId
                + "\",\"object\":\"invoice\",\"amount_due\":2000}}}");

    assertThat(response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> tracker(invoiceId).getStatus().paid());
  }

  private PaymentTrackerClient.IngressClient tracker(String invoiceId) {
    return PaymentTrackerClient.fromClient(client, invoiceId);
  }

  private List<JsonNode> trackerInvocationsOf(String invoiceId) {
    return restate
        .admin()
        .query(
            "SELECT id FROM sys_invocation WHERE target_service_name = 'PaymentTracker'"
                + " AND target_service_key = '"
                + invoiceId
                + "'");
  }

  private HttpResponse<String> postEvent(StripeEvent event) throws Exception {
    return postJson(JSON.writeValueAsString(event));
  }

  /** Posts the body to the router's URL on the ingress, the URL a webhook is configured with. */
  private HttpResponse<String> postJson(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(restate.ingressUrl() + "/WebhookCallbackRouter/onStripeEvent"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    JsonNode body = JSON.readTree(response.body());
    return body.path("message").asText();
  }
}
