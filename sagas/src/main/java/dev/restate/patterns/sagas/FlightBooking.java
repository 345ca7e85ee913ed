package dev.restate.patterns.sagas;

/** The flight reservation to confirm or cancel, by the booking id that {@code reserve} returned. */
public record FlightBooking(String flightBookingId) {}
