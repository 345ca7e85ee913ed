package dev.restate.patterns.sagas;

/**
 * A booked trip: the confirmed flight and car bookings and the payment that paid for them.
 *
 * @param paymentId the idempotency key of the charge, which is also the key of its refund
 */
public record Booking(String flightBookingId, String carBookingId, String paymentId) {}
