package dev.restate.patterns.common;

import dev.restate.sdk.common.TerminalException;

/**
 * Checks of handler input that fail with a terminal 400 error, so Restate never retries a malformed
 * request.
 *
 * <p>Call these before the first context call of a handler. Every message names the field and,
 * where there is one, the rejected value, so callers read the same wording from every module.
 */
public final class Validation {

  /** Longest value of a string field echoed back in an error message. */
  private static final int MAX_ECHOED_LENGTH = 64;

  private Validation() {}

  /** Returns the value, or throws a 400 when it is null. */
  public static <T> T requirePresent(String field, T value) {
    if (value == null) {
      throw badRequest(field + " is missing");
    }
    return value;
  }

  /** Returns the value, or throws a 400 when it is null, empty or only whitespace. */
  public static String requireText(String field, String value) {
    if (value == null) {
      throw badRequest(field + " is missing");
    }
    if (value.isBlank()) {
      throw badRequest(field + " must not be empty");
    }
    return value;
  }

  /** Returns the value, or throws a 400 when it is blank or longer than {@code maxLength}. */
  public static String requireText(String field, String value, int maxLength) {
    requireText(field, value);
    if (value.length() > maxLength) {
      throw badRequest(
          field
              + " must be at most "
              + maxLength
              + " characters, got "
              + value.length()
              + " characters");
    }
    return value;
  }

  /** Returns the value, or throws a 400 when it is null, zero or negative. */
  public static <N extends Number> N requirePositive(String field, N value) {
    requirePresent(field, value);
    if (value.doubleValue() <= 0) {
      throw badRequest(field + " must be positive, got " + value);
    }
    return value;
  }

  /** Returns the value, or throws a 400 when it is null or negative. */
  public static <N extends Number> N requireNotNegative(String field, N value) {
    requirePresent(field, value);
    if (value.doubleValue() < 0) {
      throw badRequest(field + " must not be negative, got " + value);
    }
    return value;
  }

  /** Creates the terminal 400 error that the checks above throw, for checks of one's own. */
  public static TerminalException badRequest(String message) {
    return new TerminalException(TerminalException.BAD_REQUEST_CODE, message);
  }

  /** Quotes a value for an error message, cut to a readable length. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= MAX_ECHOED_LENGTH) {
      return "'" + value + "'";
    }
    return "'" + value.substring(0, MAX_ECHOED_LENGTH) + "...' (" + value.length() + " chars)";
  }
}
