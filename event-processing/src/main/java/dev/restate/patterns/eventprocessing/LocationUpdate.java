package dev.restate.patterns.eventprocessing;

/**
 * A package seen at a place, as it arrives on the {@code package-location-updates} topic.
 *
 * @param timestamp when the package was there, as the carrier reports it (for example {@code
 *     2024-10-10 13:00}); stored as given
 * @param location where the package was
 */
public record LocationUpdate(String timestamp, String location) {}
