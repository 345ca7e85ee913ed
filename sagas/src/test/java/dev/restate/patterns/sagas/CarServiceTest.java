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

/** Calls the two-phase cars service directly through the ingress. */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=0"})
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CarServiceTest {

  @Autowired RestateTestServer restate;
  @Autowired EffectLog effectLog;

  @Test
  void reserveAndConfirmShareBookingId() throws Exception {
    String location = "location-" + UUID.randomUUID();

    HttpResponse<String> reserved =
        ingress()
            .post(
                "/cars/reserve",
                "{\"pickupLocation\": \"" + location + "\", \"rentalDate\": \"2024-12-16\"}");
    String bookingId = Ingress.JSON.readTree(reserved.body()).asText();
    HttpResponse<String> confirmed = confirm(bookingId);

    assertThat(reserved.statusCode()).isEqualTo(200);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "confirmed");
    assertThat(effectLog.effects())
        .filteredOn(effect -> effect.id().equals(bookingId))
        .first()
        .extracting(EffectLog.Effect::details)
        .isEqualTo("pick-up at " + location + " on 2024-12-16");
  }

  @Test
  void confirmOfUnknownBookingIsNotFound() throws Exception {
    String bookingId = "unknown-" + UUID.randomUUID();

    HttpResponse<String> response = confirm(bookingId);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Ingress.message(response))
        .isEqualTo("Cannot confirm car booking " + bookingId + ": no such reservation");
  }

  @Test
  void confirmOfCancelledBookingIsConflict() throws Exception {
    String bookingId = reserve();
    ingress().post("/cars/cancel", "{\"carBookingId\": \"" + bookingId + "\"}");

    HttpResponse<String> response = confirm(bookingId);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Ingress.message(response))
        .isEqualTo("Cannot confirm car booking " + bookingId + ": it was cancelled");
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "cancelled");
  }

  @Test
  void cancelTwiceCancelsOnce() throws Exception {
    String bookingId = reserve();
    String body = "{\"carBookingId\": \"" + bookingId + "\"}";

    HttpResponse<String> first = ingress().post("/cars/cancel", body);
    HttpResponse<String> second = ingress().post("/cars/cancel", body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(effectsOn(bookingId)).containsExactly("reserved", "cancelled");
  }

  @Test
  void reserveWithoutRentalDateIsRejected() throws Exception {
    HttpResponse<String> response =
        ingress().post("/cars/reserve", "{\"pickupLocation\": \"Airport\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Ingress.message(response)).isEqualTo("rentalDate is missing");
  }

  private String reserve() throws Exception {
    HttpResponse<String> response =
        ingress()
            .post(
                "/cars/reserve",
                "{\"pickupLocation\": \"Airport\", \"rentalDate\": \"2024-12-16\"}");
    return Ingress.JSON.readTree(response.body()).asText();
  }

  private HttpResponse<String> confirm(String bookingId) throws Exception {
    return ingress().post("/cars/confirm", "{\"carBookingId\": \"" + bookingId + "\"}");
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
