package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/** Conversions between the JSON of a {@link PromiseResult} and the typed values of a promise. */
final class PromiseValues<T> {

  /** Configured like the Restate SDK's default mapper, so values read as handlers read them. */
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private final String promiseId;
  private final Class<T> type;

  PromiseValues(String promiseId, Class<T> type) {
    this.promiseId = Objects.requireNonNull(promiseId, "promiseId");
    this.type = Objects.requireNonNull(type, "type");
  }

  JsonNode toJson(T value) {
    Objects.requireNonNull(value, "value of promise " + promiseId);
    return MAPPER.valueToTree(value);
  }

  /** Returns the value of a completed result, or throws its rejection. */
  T valueOf(PromiseResult result) {
    if (result.isRejected()) {
      throw new DurablePromiseRejectedException(promiseId, result.errorMessage());
    }
    if (!result.completed()) {
      throw new IllegalStateException("promise " + promiseId + " is still open");
    }
    return convert(result.value());
  }

  /** Returns the value of a completed result, empty for an open one, or throws its rejection. */
  Optional<T> peekedValueOf(PromiseResult result) {
    return result.completed() ? Optional.ofNullable(valueOf(result)) : Optional.empty();
  }

  private T convert(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return MAPPER.treeToValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "promise " + promiseId + " contains a value that is not a " + type.getSimpleName(), e);
    }
  }
}
