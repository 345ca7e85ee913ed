package dev.restate.patterns.payments.statemachine;

/** Where a payment id stands: not seen yet or not charged, charged, or cancelled. */
public enum PaymentStatus {
  NEW,
  COMPLETED,
  CANCELLED
}
