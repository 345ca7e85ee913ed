package dev.restate.patterns.sagas;

/** The flight to reserve and the passenger to reserve it for. */
public record FlightRequest(String flightId, String passengerName) {}
