package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.common.clients.PaymentClient;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Runs the booking saga against a real Restate server, with random payment failures off. */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=0"})
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BookingWorkflowTest {

  private static final ObjectMapper JSON = Ingress.JSON;
  private static final String ACCEPTED_CARD = "4111111111111111";

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;
  @Autowired EffectLog effectLog;

  @Test
  void deploymentServesWorkflowAndServicesWithTheirHandlers() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactlyInAnyOrder("BookingWorkflow", "flights", "cars");
    assertThat(restate.admin().handlerNames("BookingWorkflow")).containsExactly("run");
    assertThat(restate.admin().handlerNames("flights"))
        .containsExactlyInAnyOrder("reserve", "confirm", "cancel");
    assertThat(restate.admin().handlerNames("cars"))
        .containsExactlyInAnyOrder("reserve", "confirm", "cancel");
  }

  @Test
  void runConfirmsBothBookingsAndChargesOnce() throws Exception {
    String trip = uniqueTrip();

    HttpResponse<String> response = run(trip, bookingRequest(trip, ACCEPTED_CARD));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, String> ids = bookingIds(trip);
    JsonNode booking = JSON.readTree(response.body());
    assertThat(booking.path("flightBookingId").asText()).isEqualTo(ids.get("flightBookingId"));
    assertThat(booking.path("carBookingId").asText()).isEqualTo(ids.get("carBookingId"));
    assertThat(booking.path("paymentId").asText()).isEqualTo(ids.get("paymentId"));
    assertThat(effectsOn(ids))
        .containsExactly(
            "flight reserved " + ids.get("flightBookingId"),
            "car reserved " + ids.get("carBookingId"),
            "payment charged " + ids.get("paymentId"),
            "flight confirmed " + ids.get("flightBookingId"),
            "car confirmed " + ids.get("carBookingId"));
  }

  @Test
  void decliningCardCompensatesInReverseOrder() throws Exception {
    String trip = uniqueTrip();

    HttpResponse<String> response = run(trip, bookingRequest(trip, PaymentClient.DECLINING_CARD));

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .isEqualTo("This payment could not be accepted: card ending in 0002 was declined");
    Map<String, String> ids = bookingIds(trip);
    assertThat(effectsOn(ids))
        .containsExactly(
            "flight reserved " + ids.get("flightBookingId"),
            "car reserved " + ids.get("carBookingId"),
            "payment declined " + ids.get("paymentId"),
            "payment refunded " + ids.get("paymentId"),
            "car cancelled " + ids.get("carBookingId"),
            "flight cancelled " + ids.get("flightBookingId"));
  }

  @Test
  void timedOutChargesAreRetriedAndChargeOnce() throws Exception {
    String trip = uniqueTrip();

    HttpResponse<String> response = run(trip, bookingRequest(trip, PaymentClient.TIMEOUT_CARD));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, String> ids = bookingIds(trip);
    assertThat(effectsOn(ids))
        .containsExactly(
            "flight reserved " + ids.get("flightBookingId"),
            "car reserved " + ids.get("carBookingId"),
            "payment charged " + ids.get("paymentId"),
            "payment timed out " + ids.get("paymentId"),
            "payment timed out " + ids.get("paymentId"),
            "flight confirmed " + ids.get("flightBookingId"),
            "car confirmed " + ids.get("carBookingId"));
  }

  @Test
  void secondRunDoesNotBookAgain() throws Exception {
    String trip = uniqueTrip();
    HttpResponse<String> first = run(trip, bookingRequest(trip, ACCEPTED_CARD));

    HttpResponse<String> second = run(trip, bookingRequest(trip, ACCEPTED_CARD));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).path("message").asText())
        .isEqualTo("the workflow method was already invoked");
    assertThat(effectsMentioning(trip)).containsExactly("flight reserved", "car reserved");
    assertThat(output(trip)).isEqualTo(first.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "flights             | flights is missing",
        "flights.flightId    | flights.flightId is missing",
        "flights.passengerName | flights.passengerName is missing",
        "car                 | car is missing",
        "car.pickupLocation  | car.pickupLocation is missing",
        "car.rentalDate      | car.rentalDate is missing",
        "paymentInfo         | paymentInfo is missing",
        "paymentInfo.cardNumber | paymentInfo.cardNumber is missing",
        "paymentInfo.amount  | paymentInfo.amount is missing",
      })
  void missingFieldIsRejectedBeforeReserving(String field, String message) throws Exception {
    String trip = uniqueTrip();
    ObjectNode request = bookingRequest(trip, ACCEPTED_CARD);
    remove(request, field);

    HttpResponse<String> response = run(trip, request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo(message);
    assertThat(bookingIds(trip)).isEmpty();
    assertThat(effectsMentioning(trip)).isEmpty();
  }

  @ParameterizedTest(name = "amount {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0  | paymentInfo.amount must be positive, got 0",
        "-5 | paymentInfo.amount must be positive, got -5"
      })
  void nonPositiveAmountIsRejectedBeforeReserving(int amount, String message) throws Exception {
    String trip = uniqueTrip();
    ObjectNode request = bookingRequest(trip, ACCEPTED_CARD);
    ((ObjectNode) request.path("paymentInfo")).put("amount", amount);

    HttpResponse<String> response = run(trip, request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo(message);
    assertThat(bookingIds(trip)).isEmpty();
    assertThat(effectsMentioning(trip)).isEmpty();
  }

  @Test
  void blankPassengerNameIsRejected() throws Exception {
    String trip = uniqueTrip();
    ObjectNode request = bookingRequest(trip, ACCEPTED_CARD);
    ((ObjectNode) request.path("flights")).put("passengerName", " ");

    HttpResponse<String> response = run(trip, request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .isEqualTo("flights.passengerName must not be empty");
    assertThat(effectsMentioning(trip)).isEmpty();
  }

  /** Builds the demo's request, with the trip id in the passenger name and pick-up location. */
  private static ObjectNode bookingRequest(String trip, String cardNumber) {
    ObjectNode request = JSON.createObjectNode();
    request.putObject("flights").put("flightId", "12345").put("passengerName", "passenger " + trip);
    request
        .putObject("car")
        .put("pickupLocation", "airport " + trip)
        .put("rentalDate", "2024-12-16");
    request.putObject("paymentInfo").put("cardNumber", cardNumber).put("amount", 1500);
    return request;
  }

  private static void remove(ObjectNode request, String field) {
    String[] path = field.split("\\.");
    if (path.length == 1) {
      request.remove(path[0]);
    } else {
      ((ObjectNode) request.path(path[0])).remove(path[1]);
    }
  }

  private HttpResponse<String> run(String trip, JsonNode body) throws Exception {
    return new Ingress(restate).post("/BookingWorkflow/" + trip + "/run", body.toString());
  }

  private String output(String trip) throws Exception {
    return new Ingress(restate).get("/restate/workflow/BookingWorkflow/" + trip + "/output").body();
  }

  private Map<String, String> bookingIds(String trip) throws Exception {
    return new Ingress(restate).bookingIds(trip);
  }

  /** Returns the recorded effects on the given ids, oldest first, as system, action and id. */
  private List<String> effectsOn(Map<String, String> ids) {
    return effectLog.effects().stream()
        .filter(effect -> ids.containsValue(effect.id()))
        .map(effect -> effect.system() + " " + effect.action() + " " + effect.id())
        .toList();
  }

  /** Returns the recorded effects whose details mention {@code text}, as system and action. */
  private List<String> effectsMentioning(String text) {
    return effectLog.effects().stream()
        .filter(effect -> effect.details().contains(text))
        .map(effect -> effect.system() + " " + effect.action())
        .toList();
  }

  private static String uniqueTrip() {
    return "trip-" + UUID.randomUUID();
  }
}
