package dev.restate.patterns.statefulactors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a Restate ingress over plain HTTP, as the README's curl commands do. */
final class Ingress {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String ingressUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  Ingress(String ingressUrl) {
    this.ingressUrl = ingressUrl;
  }

  /** Calls a handler of a machine without a body and waits for the response. */
  HttpResponse<String> call(String machine, String handler)
      throws IOException, InterruptedException {
    return post("/machineOperator/" + machine + "/" + handler);
  }

  /** Enqueues a call of a handler of a machine and returns the invocation id. */
  String send(String machine, String handler) throws IOException, InterruptedException {
    HttpResponse<String> response = post("/machineOperator/" + machine + "/" + handler + "/send");
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "Sending "
              + handler
              + " to machine "
              + machine
              + " failed with "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body()).path("invocationId").asText();
  }

  /** Waits for an invocation to end and returns its JSON result, for example a message. */
  String attach(String invocationId) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ingressUrl + "/restate/invocation/" + invocationId + "/attach"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).asText();
  }

  /** Returns the status of a machine, {@code UP} or {@code DOWN}. */
  String status(String machine) throws IOException, InterruptedException {
    return JSON.readTree(call(machine, "getStatus").body()).asText();
  }

  /** Posts no body to {@code path}, for example {@code /machineOperator/a/setUp}. */
  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return request("POST", path);
  }

  /** Sends a request without a body with any HTTP method. */
  HttpResponse<String> request(String method, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(ingressUrl + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
