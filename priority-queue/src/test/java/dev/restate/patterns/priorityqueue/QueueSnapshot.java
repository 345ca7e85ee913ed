package dev.restate.patterns.priorityqueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.testing.RestateTestServer;
import java.util.List;

/**
 * The state of a {@code queue} object as the admin API's SQL returns it, the way {@code kv get}
 * shows it.
 *
 * @param waiting number of waiting entries in {@code items}
 * @param inFlight the {@code inFlight} counter, 0 when not set
 */
record QueueSnapshot(int waiting, int inFlight) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static QueueSnapshot read(RestateTestServer restate, String queueName) {
    List<JsonNode> rows =
        restate
            .admin()
            .query(
                "SELECT key, value_utf8 FROM state WHERE service_name = 'queue'"
                    + " AND service_key = '"
                    + queueName
                    + "'");
    int waiting = 0;
    int inFlight = 0;
    for (JsonNode row : rows) {
      JsonNode value = parse(row.path("value_utf8").asText());
      switch (row.path("key").asText()) {
        case "items" -> waiting = value.size();
        case "inFlight" -> inFlight = value.asInt();
        default -> throw new IllegalStateException("unexpected state key " + row.path("key"));
      }
    }
    return new QueueSnapshot(waiting, inFlight);
  }

  boolean isEmpty() {
    return waiting == 0 && inFlight == 0;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("queue state is not JSON: " + json, e);
    }
  }
}
