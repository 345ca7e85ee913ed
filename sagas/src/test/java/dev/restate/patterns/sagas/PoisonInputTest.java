package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.common.clients.PaymentInfo;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sends malformed requests to every handler, with random payment failures off. Each is rejected
 * with a 4xx naming the problem or handled, nothing is left retrying, and a booked trip keeps its
 * result.
 */
@SpringBootTest(
    properties = {"demo.sagas.payment-decline-rate=0", "demo.sagas.payment-failure-rate=0"})
@WithRestateServer
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_TRIP = "poison-kept-trip";
  private static final String ACCEPTED_CARD = "4111111111111111";

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    Booking keptBooking =
        BookingWorkflowClient.fromClient(client, KEPT_TRIP)
            .submit(
                new BookingRequest(
                    new FlightRequest("12345", "kept passenger"),
                    new CarRequest("airport", "2024-12-16"),
                    new PaymentInfo(ACCEPTED_CARD, BigDecimal.valueOf(1500))))
            .attach()
            .response();
    String flight = "{\"flightId\":\"12345\",\"passengerName\":\"poison passenger\"}";
    String car = "{\"pickupLocation\":\"airport\",\"rentalDate\":\"2024-12-16\"}";
    String payment = "{\"cardNumber\":\"" + ACCEPTED_CARD + "\",\"amount\":1500}";

    PoisonInputReport report =
        PoisonInputMatrix.forModule("sagas", restate)
            .target(
                PoisonTarget.objectHandler("BookingWorkflow", "poison-trip", "run")
                    .keyName("trip")
                    .freshKeyPerCase()
                    .jsonBody(
                        "{\"flights\":"
                            + flight
                            + ",\"car\":"
                            + car
                            + ",\"paymentInfo\":"
                            + payment
                            + "}"))
            .target(PoisonTarget.handler("flights", "reserve").jsonBody(flight))
            .target(
                PoisonTarget.handler("flights", "confirm")
                    .jsonBody("{\"flightBookingId\":\"poison-unknown-booking\"}"))
            .target(
                PoisonTarget.handler("flights", "cancel")
                    .jsonBody("{\"flightBookingId\":\"poison-unknown-booking\"}"))
            .target(PoisonTarget.handler("cars", "reserve").jsonBody(car))
            .target(
                PoisonTarget.handler("cars", "confirm")
                    .jsonBody("{\"carBookingId\":\"poison-unknown-booking\"}"))
            .target(
                PoisonTarget.handler("cars", "cancel")
                    .jsonBody("{\"carBookingId\":\"poison-unknown-booking\"}"))
            .keepsState(
                "booking of trip " + KEPT_TRIP,
                keptBooking,
                () ->
                    BookingWorkflowClient.fromClient(client, KEPT_TRIP)
                        .workflowHandle()
                        .getOutput()
                        .response()
                        .getValue())
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }
}
