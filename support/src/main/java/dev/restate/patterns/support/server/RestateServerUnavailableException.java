package dev.restate.patterns.support.server;

/** Thrown when no Restate server can be found, installed or started; the message says why. */
public class RestateServerUnavailableException extends RuntimeException {

  public RestateServerUnavailableException(String message) {
    super(message);
  }

  public RestateServerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
