package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.common.clients.PaymentClient;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Books trips while every random charge attempt fails transiently. Only the test cards get through,
 * and a booking with another card retries until it is cancelled.
 */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=1"})
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FailingPaymentProviderTest {

  private static final ObjectMapper JSON = Ingress.JSON;

  @Autowired RestateTestServer restate;
  @Autowired EffectLog effectLog;

  @Test
  void acceptingCardIsChargedAtFirstAttempt() throws Exception {
    String trip = "trip-" + UUID.randomUUID();

    HttpResponse<String> response =
        new Ingress(restate)
            .post("/BookingWorkflow/" + trip + "/run", request(trip, PaymentClient.ACCEPTING_CARD));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, String> ids = bookingIds(trip);
    assertThat(effectsOn(ids))
        .containsExactly(
            "flight reserved " + ids.get("flightBookingId"),
            "car reserved " + ids.get("carBookingId"),
            "payment charged " + ids.get("paymentId"),
            "flight confirmed " + ids.get("flightBookingId"),
            "car confirmed " + ids.get("carBookingId"));
  }

  @Test
  void cancellingRetryingBookingRunsCompensations() throws Exception {
    String trip = "trip-" + UUID.randomUUID();
    String invocationId = submit(trip);
    await().atMost(Duration.ofSeconds(30)).until(() -> chargeFailed(trip));

    restate.admin().cancelInvocation(invocationId);

    Map<String, String> ids = bookingIds(trip);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(effectsOn(ids))
                    .containsExactly(
                        "flight reserved " + ids.get("flightBookingId"),
                        "car reserved " + ids.get("carBookingId"),
                        "payment refunded " + ids.get("paymentId"),
                        "car cancelled " + ids.get("carBookingId"),
                        "flight cancelled " + ids.get("flightBookingId")));
    assertThat(JSON.readTree(attach(trip)).path("code").asInt()).isEqualTo(409);
  }

  private String submit(String trip) throws Exception {
    HttpResponse<String> response =
        new Ingress(restate)
            .post("/BookingWorkflow/" + trip + "/run/send", request(trip, "4111111111111111"));
    assertThat(response.statusCode()).isEqualTo(202);
    return JSON.readTree(response.body()).path("invocationId").asText();
  }

  private static String request(String trip, String cardNumber) {
    return "{\"flights\": {\"flightId\": \"12345\", \"passengerName\": \"passenger "
        + trip
        + "\"}, \"car\": {\"pickupLocation\": \"Airport\", \"rentalDate\": \"2024-12-16\"},"
        + " \"paymentInfo\": {\"cardNumber\": \""
        + cardNumber
        + "\", \"amount\": 1500}}";
  }

  /** Returns whether a charge of the trip failed, the sign that Restate retries the saga. */
  private boolean chargeFailed(String trip) throws Exception {
    String paymentId = bookingIds(trip).get("paymentId");
    return effectLog.effects().stream()
        .anyMatch(effect -> effect.id().equals(paymentId) && effect.action().equals("failed"));
  }

  private Map<String, String> bookingIds(String trip) throws Exception {
    return new Ingress(restate).bookingIds(trip);
  }

  /** Returns the recorded effects on the given ids other than failed charges, oldest first. */
  private List<String> effectsOn(Map<String, String> ids) {
    return effectLog.effects().stream()
        .filter(effect -> ids.containsValue(effect.id()) && !effect.action().equals("failed"))
        .map(effect -> effect.system() + " " + effect.action() + " " + effect.id())
        .toList();
  }

  /** Waits for the workflow of {@code trip} to end and returns its result or error. */
  private String attach(String trip) throws Exception {
    return new Ingress(restate).get("/restate/workflow/BookingWorkflow/" + trip + "/attach").body();
  }
}
