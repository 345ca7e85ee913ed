package dev.restate.patterns.sagas;

import static dev.restate.patterns.common.Validation.requirePositive;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.PaymentClient;
import dev.restate.patterns.common.clients.PaymentInfo;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Workflow;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateWorkflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saga with compensations: books a trip as a flight, a car and a payment, and undoes the finished
 * steps when a later step fails for good.
 *
 * <p>Each step registers its undo action, and on a terminal error the workflow runs the registered
 * compensations last to first, then fails with that error. Other errors are retried by Restate and
 * compensate nothing. Every step and compensation is a durable call or step, so the saga runs to
 * its end across crashes. The key is the trip id. Restate runs a workflow once per key, so a trip
 * id is booked at most once while Restate keeps the finished workflow (one day by default in
 * restate-server 1.7). The module README walks through a booking that succeeds and one that is
 * compensated.
 *
 * <pre>
 * reserve flight -> reserve car -> draw payment id -> charge -> confirm flight -> confirm car
 *   + cancel flight  + cancel car   + refund payment
 * on a terminal error: refund payment, cancel car, cancel flight (those registered), then fail
 * </pre>
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateWorkflow
@Name("BookingWorkflow")
public class BookingWorkflow {

  private static final Logger log = LoggerFactory.getLogger(BookingWorkflow.class);

  private static final StateKey<String> FLIGHT_BOOKING_ID =
      StateKey.of("flightBookingId", String.class);
  private static final StateKey<String> CAR_BOOKING_ID = StateKey.of("carBookingId", String.class);
  private static final StateKey<String> PAYMENT_ID = StateKey.of("paymentId", String.class);

  /** The code of a declined payment, as payment APIs use it. */
  private static final int PAYMENT_REQUIRED_CODE = 402;

  private final PaymentClient payments;

  public BookingWorkflow(PaymentClient payments) {
    this.payments = payments;
  }

  /** Books the trip and returns the booking ids, or fails after undoing what it had booked. */
  @Workflow
  public Booking run(WorkflowContext ctx, BookingRequest request) {
    validate(request);
    String tripId = ctx.key();
    FlightServiceClient.ContextClient flights = FlightServiceClient.fromContext(ctx);
    CarServiceClient.ContextClient cars = CarServiceClient.fromContext(ctx);
    List<Runnable> compensations = new ArrayList<>();

    try {
      // 1. Reserve the flight. Its cancellation needs the booking id, so it is registered after.
      String flightBookingId = flights.reserve(request.flights()).await();
      ctx.set(FLIGHT_BOOKING_ID, flightBookingId);
      compensations.add(() -> flights.cancel(new FlightBooking(flightBookingId)).await());

      // 2. Reserve the car, the same way.
      String carBookingId = cars.reserve(request.car()).await();
      ctx.set(CAR_BOOKING_ID, carBookingId);
      compensations.add(() -> cars.cancel(new CarBooking(carBookingId)).await());

      // 3. Draw the payment id, the charge's idempotency key, from Restate's journaled random, and
      // register the refund before charging: a charge that fails may still have taken effect.
      String paymentId = ctx.random().nextUUID().toString();
      ctx.set(PAYMENT_ID, paymentId);
      compensations.add(() -> ctx.run("refund payment", () -> payments.refund(paymentId)));

      // 4. Charge. A decline is terminal, and Restate retries any other failure with the same id.
      ctx.run("charge payment", () -> charge(request.paymentInfo(), paymentId));

      // 5. Confirm both reservations.
      flights.confirm(new FlightBooking(flightBookingId)).await();
      cars.confirm(new CarBooking(carBookingId)).await();

      log.info("trip {}: booked", tripId);
      return new Booking(flightBookingId, carBookingId, paymentId);
    } catch (TerminalException e) {
      // 6. Undo the finished steps, last first, then fail the workflow with the same error.
      log.warn(
          "trip {}: terminal error {} ({}), running {} compensations",
          tripId,
          e.getCode(),
          e.getMessage(),
          compensations.size());
      // NOTE: a compensation that fails with a terminal error would end this loop and skip the
      // ones after it. These three cannot fail for good, but production code should catch such an
      // error, alert someone and run the remaining compensations.
      for (int i = compensations.size() - 1; i >= 0; i--) {
        compensations.get(i).run();
      }
      throw e;
    }
  }

  /**
   * Charges the payment, turning a decline into a terminal error so that Restate stops retrying.
   */
  private void charge(PaymentInfo paymentInfo, String paymentId) {
    try {
      payments.charge(paymentInfo, paymentId);
    } catch (PaymentClient.DeclinedException e) {
      throw new TerminalException(PAYMENT_REQUIRED_CODE, e.getMessage());
    }
  }

  private static void validate(BookingRequest request) {
    requirePresent("request body", request);
    FlightRequest flight = requirePresent("flights", request.flights());
    requireText("flights.flightId", flight.flightId());
    requireText("flights.passengerName", flight.passengerName());
    CarRequest car = requirePresent("car", request.car());
    requireText("car.pickupLocation", car.pickupLocation());
    requireText("car.rentalDate", car.rentalDate());
    PaymentInfo paymentInfo = requirePresent("paymentInfo", request.paymentInfo());
    requireText("paymentInfo.cardNumber", paymentInfo.cardNumber());
    requirePositive("paymentInfo.amount", paymentInfo.amount());
  }
}
