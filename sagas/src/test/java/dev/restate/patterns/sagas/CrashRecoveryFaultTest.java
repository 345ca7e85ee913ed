package dev.restate.patterns.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.patterns.common.clients.PaymentClient;
import dev.restate.patterns.common.clients.PaymentInfo;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.EffectFile;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server while booking sagas retry their
 * payment step, and sends a booking with a declined card during the fault. Every booking ends: the
 * paid ones are booked and the declined one is compensated. Each reservation, charge, confirmation,
 * refund and cancellation happens once, as the effect file outside the killed JVM shows.
 *
 * <p>The simulated airline, car rental and payment provider live in the application's memory. So
 * that they behave like real systems, which keep their bookings when a caller crashes, the
 * restarted application replays their recorded effects first (see {@code
 * ApplicationProcess.Builder#restoreClientState}). Failed charge attempts are transient and
 * retried; they are counted apart from the effects that must happen once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "sagas";
  private static final int PAID_TRIPS = 3;
  private static final String RETRIED_CARD = "4111111111111111";
  private static final Duration TIMEOUT = Duration.ofSeconds(150);

  /** Reserve flight and car, charge, confirm flight and car. */
  private static final List<String> PAID_TRIP_EFFECTS =
      List.of(
          "flight reserved",
          "car reserved",
          "payment charged",
          "flight confirmed",
          "car confirmed");

  /** Reserve flight and car, the decline, then the compensations last to first. */
  private static final List<String> DECLINED_TRIP_EFFECTS =
      List.of(
          "flight reserved",
          "car reserved",
          "payment declined",
          "payment refunded",
          "car cancelled",
          "flight cancelled");

  private FaultTestServer restate;
  private ApplicationProcess application;
  private EffectFile effects;
  private Client client;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    effects = EffectFile.createEmpty(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", SagasApplication.class)
            .ingress(restate.ingressUrl())
            .effects(effects)
            .restoreClientState()
            .setting("demo.sagas.payment-decline-rate=0")
            .build();
    // The failure rate of the original demo: a charge takes five attempts on average.
    application.start("demo.sagas.payment-failure-rate=0.8");
    restate.register(application);
    client = restate.client();
  }

  @AfterAll
  void stopServerAndApplication() {
    if (application != null) {
      application.close();
    }
    if (restate != null) {
      restate.close();
    }
  }

  @Test
  @Order(2)
  void killDuringPaymentRetriesBooksEachTripOnce() {
    restartApplication("demo.sagas.payment-failure-rate=1");
    Trips trips = new Trips("kill");

    trips.submitPaidTripsAndAwaitFailedCharges();
    application.kill();
    trips.submitDeclinedTrip();
    application.start("demo.sagas.payment-failure-rate=0");

    trips.awaitAndCheck("kill during payment retries, declined booking sent while down");
  }

  @Test
  @Order(1)
  void serverRestartDuringPaymentRetriesBooksEachTripOnce() {
    Trips trips = new Trips("restart");

    trips.submitPaidTripsAndAwaitCharging();
    restate.restart();
    trips.submitDeclinedTrip();

    trips.awaitAndCheck("restate-server restart during payment retries, declined booking after");
  }

  /** Stops the application gracefully and starts it with a payment failure rate. */
  private void restartApplication(String failureRate) {
    application.stop();
    application.start(failureRate);
  }

  /** Paid trips whose charges fail transiently for a while, and one trip with a declined card. */
  private final class Trips {

    private final List<String> tripIds = new ArrayList<>();
    private final List<String> invocationIds = new ArrayList<>();

    Trips(String prefix) {
      for (int t = 0; t <= PAID_TRIPS; t++) {
        tripIds.add(prefix + "-trip-" + t + "-" + UUID.randomUUID());
      }
    }

    /** Submits the paid trips and waits until each has drawn its payment id and failed a charge. */
    void submitPaidTripsAndAwaitFailedCharges() {
      for (int t = 0; t < PAID_TRIPS; t++) {
        submit(t, RETRIED_CARD);
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  tripIds.subList(0, PAID_TRIPS).stream()
                      .allMatch(trip -> failedCharges(trip) > 0));
    }

    /**
     * Submits the paid trips and waits until each has drawn its payment id, so that it is charging
     * or, if its first charge succeeded, confirming.
     */
    void submitPaidTripsAndAwaitCharging() {
      for (int t = 0; t < PAID_TRIPS; t++) {
        submit(t, RETRIED_CARD);
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  tripIds.subList(0, PAID_TRIPS).stream()
                      .allMatch(
                          trip -> restate.state("BookingWorkflow", trip).containsKey("paymentId")));
    }

    void submitDeclinedTrip() {
      submit(PAID_TRIPS, PaymentClient.DECLINING_CARD);
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<Booking>> outcomes =
          Invocations.awaitAll(client, invocationIds, Booking.class, TIMEOUT);
      long ended =
          outcomes.stream()
              .filter(outcome -> outcome.succeeded() || outcome.failureCode() == 402)
              .count();
      long expectedEffects =
          (long) PAID_TRIPS * PAID_TRIP_EFFECTS.size() + DECLINED_TRIP_EFFECTS.size();
      long countedEffects = tripIds.stream().mapToLong(trip -> effectsOf(trip).size()).sum();
      long failedCharges = tripIds.stream().mapToLong(this::failedCharges).sum();
      new FaultReport(
              MODULE,
              scenario,
              invocationIds.size(),
              (int) ended,
              expectedEffects,
              countedEffects,
              failedCharges + " transient charge failures retried, not counted")
          .print();

      for (int t = 0; t < PAID_TRIPS; t++) {
        Outcome<Booking> outcome = outcomes.get(t);
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(effectsOf(tripIds.get(t)))
            .as("effects of a paid trip")
            .isEqualTo(PAID_TRIP_EFFECTS);
      }
      Outcome<Booking> declined = outcomes.get(PAID_TRIPS);
      assertThat(declined.failureCode()).as(declined.toString()).isEqualTo(402);
      assertThat(effectsOf(tripIds.get(PAID_TRIPS)))
          .as("effects of the declined trip")
          .isEqualTo(DECLINED_TRIP_EFFECTS);
      assertThat(countedEffects).isEqualTo(expectedEffects);
      assertThat(restate.unfinishedInvocationsOf("BookingWorkflow", "flights", "cars")).isEmpty();
    }

    private void submit(int tripIndex, String card) {
      String trip = tripIds.get(tripIndex);
      BookingRequest request =
          new BookingRequest(
              new FlightRequest("flight-" + tripIndex, trip),
              new CarRequest("Amsterdam", "2026-01-0" + (tripIndex + 1)),
              new PaymentInfo(card, BigDecimal.valueOf(100 + tripIndex)));
      invocationIds.add(
          BookingWorkflowClient.fromClient(client, trip).submit(request).invocationId());
    }

    /**
     * Returns the effects of a trip as system and action, in the order they happened, without the
     * transient charge failures. The trip's booking and payment ids come from the workflow state.
     */
    private List<String> effectsOf(String trip) {
      Map<String, JsonNode> state = restate.state("BookingWorkflow", trip);
      List<String> ids =
          List.of("flightBookingId", "carBookingId", "paymentId").stream()
              .filter(state::containsKey)
              .map(key -> state.get(key).asText())
              .toList();
      return effects.read().stream()
          .filter(effect -> ids.contains(effect.id()))
          .filter(effect -> !effect.action().equals("failed"))
          .map(effect -> effect.system() + " " + effect.action())
          .toList();
    }

    private long failedCharges(String trip) {
      JsonNode paymentId = restate.state("BookingWorkflow", trip).get("paymentId");
      if (paymentId == null) {
        return 0;
      }
      return effects.count(
          effect ->
              effect.system().equals("payment")
                  && effect.action().equals("failed")
                  && effect.id().equals(paymentId.asText()));
    }
  }
}
