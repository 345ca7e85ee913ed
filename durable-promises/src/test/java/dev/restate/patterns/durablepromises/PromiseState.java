package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.testing.RestateTestServer;
import java.util.List;
import java.util.Optional;

/** Reads the state of a promise's virtual object through the admin API's SQL, as kv get does. */
public final class PromiseState {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PromiseState() {}

  /** Returns how many listeners wait for the promise. */
  public static int listenerCount(RestateTestServer restate, String promiseId) {
    return stateValue(restate, promiseId, "listeners").map(JsonNode::size).orElse(0);
  }

  /** Returns the JSON stored under {@code key} for the promise, if any. */
  public static Optional<JsonNode> stateValue(
      RestateTestServer restate, String promiseId, String key) {
    List<JsonNode> rows =
        restate
            .admin()
            .query(
                "SELECT value_utf8 FROM state WHERE service_name = 'promises'"
                    + " AND service_key = '"
                    + promiseId
                    + "' AND key = '"
                    + key
                    + "'");
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(rows.get(0).path("value_utf8").asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("state " + key + " of " + promiseId + " is not JSON", e);
    }
  }
}
