package dev.restate.patterns.payments.statemachine;

/** The status of a payment id: not seen yet or not charged, charged, or cancelled. */
public enum PaymentStatus {
  NEW,
  COMPLETED,
  CANCELLED
}
