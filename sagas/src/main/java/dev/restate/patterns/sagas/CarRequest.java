package dev.restate.patterns.sagas;

/**
 * The car to reserve.
 *
 * @param rentalDate the day of the pick-up, for example {@code 2024-12-16}
 */
public record CarRequest(String pickupLocation, String rentalDate) {}
