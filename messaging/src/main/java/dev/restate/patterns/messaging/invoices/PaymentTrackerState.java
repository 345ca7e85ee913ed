package dev.restate.patterns.messaging.invoices;

/**
 * The state of the {@link PaymentTracker} of one invoice, as its shared handler returns it.
 *
 * @param status the payment status, or null before the tracker heard of the invoice
 * @param remindersSent how many reminder emails went to the customer
 * @param paid whether the invoice was paid
 * @param escalated whether the invoice went to support after the last reminder
 */
public record PaymentTrackerState(
    PaymentStatus status, int remindersSent, boolean paid, boolean escalated) {}
