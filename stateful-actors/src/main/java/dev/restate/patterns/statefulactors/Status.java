package dev.restate.patterns.statefulactors;

/** The status of a machine, as stored in the state of its {@code machineOperator} object. */
public enum Status {
  UP,
  DOWN
}
