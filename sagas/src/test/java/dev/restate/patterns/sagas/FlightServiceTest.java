package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Calls the two-phase flights service directly through the ingress. */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=0"})
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlightServiceTest {

  @Autowired RestateTestServer restate;
  @Autowired EffectLog effectLog;

  @Test
  void reserveAndConfirmShareBookingId() throws Exception {
    String passenger = "passenger-" + UUID.randomUUID();

    HttpResponse<String> reserved =
        ingress()
            .post(
                "/flights/reserve",
                "{\"flightId\": \"12345\", \"passengerName\": \"" + passenger + "\"}");
    String bookingId = Ingress.JSON.readTree(reserved.body()).asText();
    HttpResponse<String> confirmed = confirm(bookingId);

    assertThat(reserved.statusCode()).isEqualTo(200);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "confirmed");
    assertThat(effectLog.effects())
        .filteredOn(effect -> effect.id().equals(bookingId))
        .first()
        .extracting(EffectLog.Effect::details)
        .isEqualTo("flight 12345 for " + passenger);
  }

  @Test
  void confirmOfUnknownBookingIsNotFound() throws Exception {
    String bookingId = "unknown-" + UUID.randomUUID();

    HttpResponse<String> response = confirm(bookingId);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Ingress.message(response))
        .isEqualTo("Cannot confirm flight booking " + bookingId + ": no such reservation");
  }

  @Test
  void confirmOfCancelledBookingIsConflict() throws Exception {
    String bookingId = reserve();
    ingress().post("/flights/cancel", "{\"flightBookingId\": \"" + bookingId + "\"}");

    HttpResponse<String> response = confirm(bookingId);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Ingress.message(response))
        .isEqualTo("Cannot confirm flight booking " + bookingId + ": it was cancelled");
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "cancelled");
  }

  @Test
  void cancelTwiceCancelsOnce() throws Exception {
    String bookingId = reserve();
    String body = "{\"flightBookingId\": \"" + bookingId + "\"}";

    HttpResponse<String> first = ingress().post("/flights/cancel", body);
    HttpResponse<String> second = ingress().post("/flights/cancel", body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "cancelled");
  }

  @Test
  void reserveWithoutPassengerIsRejected() throws Exception {
    HttpResponse<String> response = ingress().post("/flights/reserve", "{\"flightId\": \"12345\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Ingress.message(response)).isEqualTo("passengerName is missing");
  }

  private String reserve() throws Exception {
    HttpResponse<String> response =
        ingress()
            .post("/flights/reserve", "{\"flightId\": \"12345\", \"passengerName\": \"Jane\"}");
    return Ingress.JSON.readTree(response.body()).asText();
  }

  private HttpResponse<String> confirm(String bookingId) throws Exception {
    return ingress().post("/flights/confirm", "{\"flightBookingId\": \"" + bookingId + "\"}");
  }

  private List<String> effectsOn(String bookingId) {
    return effectLog.effects().stream()
        .filter(effect -> effect.id().equals(bookingId))
        .map(EffectLog.Effect::action)
        .toList();
  }

  private Ingress ingress() {
    return new Ingress(restate);
  }
}
