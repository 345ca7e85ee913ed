package dev.restate.patterns.testing.poison;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One poison request of the matrix.
 *
 * @param target the handler or endpoint it goes to
 * @param kind the kind of poison
 * @param detail what exactly was changed, for example the field path or the key
 * @param uri the request URI, with the key or path variables percent-encoded
 * @param headers the request headers, the content type included when there is a body
 * @param body the request body, empty for none
 * @param mentions words of which a rejection message must contain at least one, compared without
 *     case, so that the message names the problem
 */
public record PoisonCase(
    PoisonTarget target,
    Kind kind,
    String detail,
    URI uri,
    Map<String, String> headers,
    byte[] body,
    List<String> mentions) {

  /** The kinds of poison, as the matrix reports them. */
  public enum Kind {
    EMPTY_BODY("empty body"),
    NOT_JSON("body that is not JSON"),
    NOT_IN_FORMAT("body in no text format"),
    UNEXPECTED_BODY("body for a handler without input"),
    WRONG_TYPE("wrong type"),
    MISSING_FIELD("missing field"),
    HUGE_STRING("1 MiB string"),
    LONG_KEY("300-character key"),
    KEY_WITH_SPACES("key with spaces"),
    KEY_WITH_SLASHES("key with slashes"),
    NON_ASCII_KEY("key with non-ASCII letters");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Returns the case's name for reports, for example {@code product/{key}/reserve: empty body}. */
  public String name() {
    return target.name() + ": " + kind.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
