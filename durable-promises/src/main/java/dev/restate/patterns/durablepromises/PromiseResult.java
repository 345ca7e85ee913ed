package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The response of every promise handler: whether the promise is completed and, if so, its value or
 * its error message. Fields without a value are left out of the JSON, so an open promise reads
 * {@code {"promiseName":"prom-1","completed":false}}.
 *
 * @param promiseName the promise id
 * @param completed false while the promise is open
 * @param value the value of a resolved promise; JSON null is a possible value
 * @param errorMessage the message of a rejected promise, or of an awaiter whose promise was
 *     disposed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseResult(
    String promiseName, boolean completed, JsonNode value, String errorMessage) {

  static PromiseResult open(String promiseName) {
    return new PromiseResult(promiseName, false, null, null);
  }

  static PromiseResult resolved(String promiseName, JsonNode value) {
    return new PromiseResult(promiseName, true, value, null);
  }

  static PromiseResult rejected(String promiseName, String errorMessage) {
    return new PromiseResult(promiseName, true, null, errorMessage);
  }

  @JsonIgnore
  public boolean isRejected() {
    return errorMessage != null;
  }
}
