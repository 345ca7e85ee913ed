package dev.restate.patterns.common.clients;

/**
 * A simulated airline API: reserve a seat on a flight, then confirm or cancel the reservation by
 * its booking id. Calls are idempotent on the booking id, which the caller generates. Effects are
 * recorded under the system {@code flight}.
 */
public class FlightClient extends TwoPhaseBookingClient {

  public FlightClient(EffectLog effects) {
    super("flight", effects);
  }

  /** Reserves a seat for the passenger; nothing is booked until {@link #confirm(String)}. */
  public void reserve(String bookingId, String flightId, String passengerName) {
    reserve(bookingId, "flight " + flightId + " for " + passengerName);
  }
}
