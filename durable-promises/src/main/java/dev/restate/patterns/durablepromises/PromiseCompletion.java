package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of a completed promise as the backing object stores it under the state key {@code
 * value}: either a value (any JSON, including null) or an error message.
 *
 * @param value the value the promise was resolved with; null when it was rejected
 * @param error the message the promise was rejected with; null when it was resolved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseCompletion(JsonNode value, String error) {

  static PromiseCompletion resolved(JsonNode value) {
    return new PromiseCompletion(value, null);
  }

  static PromiseCompletion rejected(String errorMessage) {
    return new PromiseCompletion(null, errorMessage);
  }

  @JsonIgnore
  public boolean isRejected() {
    return error != null;
  }

  /** Builds the response that callers of the promise with this name receive. */
  PromiseResult toResult(String promiseName) {
    return isRejected()
        ? PromiseResult.rejected(promiseName, error)
        : PromiseResult.resolved(promiseName, value);
  }
}
