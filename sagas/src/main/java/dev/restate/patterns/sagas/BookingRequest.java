package dev.restate.patterns.sagas;

import dev.restate.patterns.common.clients.PaymentInfo;

/** The body of {@code BookingWorkflow/{tripId}/run}: what to book and how to pay for it. */
public record BookingRequest(FlightRequest flights, CarRequest car, PaymentInfo paymentInfo) {}
