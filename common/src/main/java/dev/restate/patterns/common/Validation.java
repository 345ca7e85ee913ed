package dev.restate.patterns.common;

import dev.restate.sdk.common.TerminalException;
import java.util.Base64;

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

  /** Length of the {@code sign_1} or {@code prom_1} prefix of an awakeable id. */
  private static final int AWAKEABLE_PREFIX_LENGTH = 6;

  /** An awakeable id encodes the invocation id (24 bytes) and a 4-byte signal or entry index. */
  private static final int AWAKEABLE_ID_BYTES = 28;

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

  /**
   * Returns the value, or throws a 400 when it contains a space. For an id that a controller passes
   * as key to the Restate Java client 2.4.1, which writes a space in a URL path as {@code +}, so
   * that Restate would see another key.
   */
  public static String requireNoSpaces(String field, String value) {
    if (value != null && value.indexOf(' ') >= 0) {
      throw badRequest(field + " must not contain spaces, got " + quote(value));
    }
    return value;
  }

  /**
   * Returns the value, or throws a 400 when it contains a character outside printable ASCII. For a
   * value sent as an HTTP header, such as an idempotency key: the JDK's HTTP client rejects
   * characters above U+00FF and sends the others as single bytes, not UTF-8.
   */
  public static String requirePrintableAscii(String field, String value) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c > '~') {
        throw badRequest(
            field
                + " must contain only printable ASCII characters, got "
                + quote(value)
                + " with "
                + String.format("U+%04X", (int) c)
                + " at position "
                + (i + 1));
      }
    }
    return value;
  }

  /**
   * Returns the value, or throws a 400 when it is not shaped like a Restate awakeable id ({@code
   * sign_1} or {@code prom_1} followed by 28 bytes in URL-safe Base64). restate-server rejects a
   * malformed id only when a handler completes the awakeable, and then retries that invocation for
   * ever, so a handler that stores or completes an id from its input checks it first.
   */
  public static String requireAwakeableId(String field, String value) {
    requireText(field, value);
    boolean prefixed = value.startsWith("sign_1") || value.startsWith("prom_1");
    if (!prefixed
        || decodedLength(value.substring(AWAKEABLE_PREFIX_LENGTH)) != AWAKEABLE_ID_BYTES) {
      throw badRequest(
          field
              + " must be a Restate awakeable id (sign_1 followed by Base64), got "
              + quote(value));
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

  /** Returns the number of bytes that URL-safe Base64 text decodes to, or -1 if it is no Base64. */
  private static int decodedLength(String base64) {
    try {
      return Base64.getUrlDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
