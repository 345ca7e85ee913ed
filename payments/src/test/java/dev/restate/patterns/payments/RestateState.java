package dev.restate.patterns.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.patterns.testing.RestateTestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the state that Restate stores for virtual objects, through the admin SQL API. */
public final class RestateState {

  private RestateState() {}

  /**
   * Returns the state entries of one object as key and JSON text, for example status "COMPLETED".
   */
  public static Map<String, String> of(RestateTestServer restate, String service, String key) {
    List<JsonNode> rows =
        restate
            .admin()
            .query(
                "SELECT key, value_utf8 FROM state WHERE service_name = '"
                    + service
                    + "' AND service_key = '"
                    + key
                    + "'");
    Map<String, String> state = new LinkedHashMap<>();
    rows.forEach(row -> state.put(row.path("key").asText(), row.path("value_utf8").asText()));
    return state;
  }

  /** Returns the types of an invocation's journal entries, for example {@code Command: Run}. */
  public static List<String> journalEntryTypes(RestateTestServer restate, String invocationId) {
    return restate
        .admin()
        .query(
            "SELECT entry_type FROM sys_journal WHERE id = '" + invocationId + "' ORDER BY index")
        .stream()
        .map(row -> row.path("entry_type").asText())
        .toList();
  }

  /** Returns the status of an invocation, for example {@code suspended} or {@code completed}. */
  public static String invocationStatus(RestateTestServer restate, String invocationId) {
    List<JsonNode> rows =
        restate
            .admin()
            .query("SELECT status FROM sys_invocation WHERE id = '" + invocationId + "'");
    return rows.isEmpty() ? "unknown" : rows.get(0).path("status").asText();
  }
}
