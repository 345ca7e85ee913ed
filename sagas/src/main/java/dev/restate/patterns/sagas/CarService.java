package dev.restate.patterns.sagas;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.CarRentalClient;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateService;
import java.util.NoSuchElementException;

/**
 * The cars step of the saga with compensations: a durable front of the car rental's two-phase API.
 *
 * <p>{@code reserve} draws the booking id from Restate's deterministic random before it calls the
 * car rental, so a retried reservation reuses the id and one car is reserved. {@code confirm} and
 * {@code cancel} take that id, and {@code cancel} is the compensation that the booking workflow
 * registers once the reservation exists. The module README shows the calls in order.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("cars")
public class CarService {

  /** Maximum length of a booking id; reserve returns UUIDs, 36 characters. */
  static final int MAX_BOOKING_ID_LENGTH = 256;

  private static final int NOT_FOUND_CODE = 404;
  private static final int CONFLICT_CODE = 409;

  private final CarRentalClient rentals;

  public CarService(CarRentalClient rentals) {
    this.rentals = rentals;
  }

  /** Reserves a car and returns the booking id that confirm and cancel take. */
  @Handler
  public String reserve(Context ctx, CarRequest request) {
    requirePresent("request body", request);
    String pickupLocation = requireText("pickupLocation", request.pickupLocation());
    String rentalDate = requireText("rentalDate", request.rentalDate());

    // 1. The id is drawn before the call, so every retry of the call uses the same id.
    String bookingId = ctx.random().nextUUID().toString();

    // 2. Reserve. The car stays unbooked until confirm.
    ctx.run("reserve car", () -> rentals.reserve(bookingId, pickupLocation, rentalDate));
    return bookingId;
  }

  /** Confirms a reservation. An unknown or cancelled booking id is a terminal error. */
  @Handler
  public void confirm(Context ctx, CarBooking booking) {
    requirePresent("request body", booking);
    String bookingId = requireText("carBookingId", booking.carBookingId(), MAX_BOOKING_ID_LENGTH);

    ctx.run(
        "confirm car",
        () -> {
          try {
            rentals.confirm(bookingId);
          } catch (NoSuchElementException e) {
            throw new TerminalException(NOT_FOUND_CODE, e.getMessage());
          } catch (IllegalStateException e) {
            throw new TerminalException(CONFLICT_CODE, e.getMessage());
          }
        });
  }

  /** Cancels a reservation or booking, the compensation of {@code reserve}. Safe to repeat. */
  @Handler
  public void cancel(Context ctx, CarBooking booking) {
    requirePresent("request body", booking);
    String bookingId = requireText("carBookingId", booking.carBookingId(), MAX_BOOKING_ID_LENGTH);

    ctx.run("cancel car", () -> rentals.cancel(bookingId));
  }
}
