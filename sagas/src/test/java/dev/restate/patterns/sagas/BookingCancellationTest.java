package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.common.clients.EffectLog;
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
 * Cancels a booking whose charge keeps failing: the cancellation reaches the workflow as a terminal
 * error, so it compensates like a declined payment.
 */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=1"})
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BookingCancellationTest {

  private static final ObjectMapper JSON = Ingress.JSON;

  @Autowired RestateTestServer restate;
  @Autowired EffectLog effectLog;

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
    String body =
        "{\"flights\": {\"flightId\": \"12345\", \"passengerName\": \"passenger "
            + trip
            + "\"}, \"car\": {\"pickupLocation\": \"Airport\", \"rentalDate\": \"2024-12-16\"},"
            + " \"paymentInfo\": {\"cardNumber\": \"4111111111111111\", \"amount\": 1500}}";
    HttpResponse<String> response =
        new Ingress(restate).post("/BookingWorkflow/" + trip + "/run/send", body);
    assertThat(response.statusCode()).isEqualTo(202);
    return JSON.readTree(response.body()).path("invocationId").asText();
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
