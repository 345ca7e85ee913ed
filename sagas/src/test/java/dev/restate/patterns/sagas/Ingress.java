package dev.restate.patterns.sagas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.testing.RestateTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Calls the test server's ingress over plain HTTP, as the README's curl commands do. */
final class Ingress {

  static final ObjectMapper JSON = new ObjectMapper();

  private final RestateTestServer restate;
  private final HttpClient http = HttpClient.newHttpClient();

  Ingress(RestateTestServer restate) {
    this.restate = restate;
  }

  /** Posts a JSON body to {@code path}, for example {@code /flights/reserve}. */
  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(restate.ingressUrl() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(restate.ingressUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Returns the {@code message} field of an error response. */
  static String message(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("message").asText();
  }

  /** Returns the booking ids that the workflow of {@code trip} keeps in its state, by state key. */
  Map<String, String> bookingIds(String trip) throws IOException {
    Map<String, String> ids = new HashMap<>();
    for (JsonNode row :
        restate
            .admin()
            .query(
                "SELECT key, value_utf8 FROM state WHERE service_name = 'BookingWorkflow'"
                    + " AND service_key = '"
                    + trip
                    + "'")) {
      ids.put(row.path("key").asText(), JSON.readTree(row.path("value_utf8").asText()).asText());
    }
    return ids;
  }
}
