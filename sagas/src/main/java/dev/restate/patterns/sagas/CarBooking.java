package dev.restate.patterns.sagas;

/** The car reservation to confirm or cancel, by the booking id that {@code reserve} returned. */
public record CarBooking(String carBookingId) {}
