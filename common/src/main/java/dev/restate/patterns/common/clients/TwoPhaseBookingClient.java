package dev.restate.patterns.common.clients;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated booking system with a two-phase API: reserve, then confirm or cancel the reservation
 * by its booking id. The caller generates the booking id, so every call is idempotent on it: a
 * repeated call changes nothing and records no second effect.
 *
 * <p>Every reservation, confirmation and cancellation is logged and recorded in the {@link
 * EffectLog} under the system's name and the booking id.
 */
abstract class TwoPhaseBookingClient {

  /** Named after the subclass, so log lines show FlightClient or CarRentalClient as the logger. */
  private final Logger log = LoggerFactory.getLogger(getClass());

  private enum Status {
    RESERVED,
    CONFIRMED,
    CANCELLED
  }

  private final String system;
  private final EffectLog effects;
  // NOTE: bookings live in memory, so after a restart a confirm of an earlier reservation fails
  // with "no such reservation". A real airline or car rental keeps its reservations.
  private final Map<String, Status> bookings = new HashMap<>();

  TwoPhaseBookingClient(String system, EffectLog effects) {
    this.system = system;
    this.effects = effects;
  }

  synchronized void reserve(String bookingId, String details) {
    if (bookings.putIfAbsent(bookingId, Status.RESERVED) == null) {
      log.info("{} booking {}: reserved ({})", system, bookingId, details);
      effects.record(system, "reserved", bookingId, details);
    }
  }

  /**
   * Confirms a reservation.
   *
   * @throws NoSuchElementException when there is no reservation with this id
   * @throws IllegalStateException when the reservation was cancelled
   */
  public synchronized void confirm(String bookingId) {
    Status status = bookings.get(bookingId);
    if (status == null) {
      throw new NoSuchElementException(
          "Cannot confirm " + system + " booking " + bookingId + ": no such reservation");
    }
    if (status == Status.CANCELLED) {
      throw new IllegalStateException(
          "Cannot confirm " + system + " booking " + bookingId + ": it was cancelled");
    }
    if (status == Status.RESERVED) {
      bookings.put(bookingId, Status.CONFIRMED);
      log.info("{} booking {}: confirmed", system, bookingId);
      effects.record(system, "confirmed", bookingId, "");
    }
  }

  /**
   * Cancels a reservation or a confirmed booking. Cancelling an unknown booking id does nothing.
   */
  public synchronized void cancel(String bookingId) {
    Status status = bookings.get(bookingId);
    if (status == Status.CANCELLED) {
      return;
    }
    if (status == null) {
      log.info("{} booking {}: nothing to cancel, it was never reserved", system, bookingId);
      return;
    }
    bookings.put(bookingId, Status.CANCELLED);
    log.info("{} booking {}: cancelled", system, bookingId);
    effects.record(system, "cancelled", bookingId, "");
  }
}
