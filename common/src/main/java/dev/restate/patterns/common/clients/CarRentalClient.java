package dev.restate.patterns.common.clients;

/**
 * A simulated car rental API: reserve a car, then confirm or cancel the reservation by its booking
 * id. Calls are idempotent on the booking id, which the caller generates. Effects are recorded
 * under the system {@code car}.
 */
public class CarRentalClient extends TwoPhaseBookingClient {

  public CarRentalClient(EffectLog effects) {
    super("car", effects);
  }

  /** Reserves a car; nothing is booked until {@link #confirm(String)}. */
  public void reserve(String bookingId, String pickupLocation, String rentalDate) {
    reserve(bookingId, "pick-up at " + pickupLocation + " on " + rentalDate);
  }
}
