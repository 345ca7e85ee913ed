package dev.restate.patterns.durablepromises;

import dev.restate.sdk.common.TerminalException;

/**
 * Thrown by {@link DurablePromise} when the promise was rejected, or disposed while a caller
 * waited. A terminal exception, so a handler that gets it fails instead of being retried: a
 * rejected promise stays rejected.
 */
public class DurablePromiseRejectedException extends TerminalException {

  private final String promiseId;
  private final String errorMessage;

  public DurablePromiseRejectedException(String promiseId, String errorMessage) {
    super("promise " + promiseId + " was rejected: " + errorMessage);
    this.promiseId = promiseId;
    this.errorMessage = errorMessage;
  }

  public String getPromiseId() {
    return promiseId;
  }

  /** Returns the message that the promise was rejected with. */
  public String getErrorMessage() {
    return errorMessage;
  }
}
