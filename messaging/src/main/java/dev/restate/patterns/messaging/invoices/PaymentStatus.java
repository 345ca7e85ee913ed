package dev.restate.patterns.messaging.invoices;

/** The payment status of an invoice as the {@link PaymentTracker} stores it. */
public enum PaymentStatus {
  /** A payment failed and reminders are being sent. */
  FAILED,
  /** The invoice was paid. */
  PAID,
  /** The customer did not pay after all reminders, so the invoice went to support. */
  FAILED_ESCALATED
}
