package dev.restate.patterns.sagas;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.FlightClient;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateService;
import java.util.NoSuchElementException;

/**
 * The flights step of the saga with compensations: a durable front of the airline's two-phase API.
 *
 * <p>{@code reserve} draws the booking id from Restate's deterministic random before it calls the
 * airline, so a retried reservation reuses the id and the airline books one seat. {@code confirm}
 * and {@code cancel} take that id, and {@code cancel} is the compensation that the booking workflow
 * registers once the reservation exists. The module README shows the calls in order.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("flights")
public class FlightService {

  /** Maximum length of a booking id; reserve returns UUIDs, 36 characters. */
  static final int MAX_BOOKING_ID_LENGTH = 256;

  private static final int NOT_FOUND_CODE = 404;
  private static final int CONFLICT_CODE = 409;

  private final FlightClient airline;

  public FlightService(FlightClient airline) {
    this.airline = airline;
  }

  /** Reserves a seat and returns the booking id that confirm and cancel take. */
  @Handler
  public String reserve(Context ctx, FlightRequest request) {
    requirePresent("request body", request);
    String flightId = requireText("flightId", request.flightId());
    String passengerName = requireText("passengerName", request.passengerName());

    // 1. The id is drawn before the call, so every retry of the call uses the same id.
    String bookingId = ctx.random().nextUUID().toString();

    // 2. Reserve. The seat stays unbooked until confirm.
    ctx.run("reserve flight", () -> airline.reserve(bookingId, flightId, passengerName));
    return bookingId;
  }

  /** Confirms a reservation. An unknown or cancelled booking id is a terminal error. */
  @Handler
  public void confirm(Context ctx, FlightBooking booking) {
    requirePresent("request body", booking);
    String bookingId =
        requireText("flightBookingId", booking.flightBookingId(), MAX_BOOKING_ID_LENGTH);

    ctx.run(
        "confirm flight",
        () -> {
          try {
            airline.confirm(bookingId);
          } catch (NoSuchElementException e) {
            throw new TerminalException(NOT_FOUND_CODE, e.getMessage());
          } catch (IllegalStateException e) {
            throw new TerminalException(CONFLICT_CODE, e.getMessage());
          }
        });
  }

  /** Cancels a reservation or booking, the compensation of {@code reserve}. Safe to repeat. */
  @Handler
  public void cancel(Context ctx, FlightBooking booking) {
    requirePresent("request body", booking);
    String bookingId =
        requireText("flightBookingId", booking.flightBookingId(), MAX_BOOKING_ID_LENGTH);

    ctx.run("cancel flight", () -> airline.cancel(bookingId));
  }
}
