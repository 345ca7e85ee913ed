package dev.restate.patterns.support.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small client for the parts of Restate's admin API that local runs and tests use: health,
 * deployment registration, subscriptions and SQL queries over the invocation tables.
 */
public final class RestateAdminClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String adminUrl;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public RestateAdminClient(String adminUrl) {
    this.adminUrl =
        adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
  }

  public String adminUrl() {
    return adminUrl;
  }

  /** Returns true when the admin API passes its health check. */
  public boolean isHealthy() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(adminUrl + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Registers the deployment at {@code uri} and returns the names of the services it serves.
   *
   * @param force replace the services' current deployment even when their handlers changed; for
   *     development only, since it breaks invocations in flight on the replaced deployment
   */
  public List<String> registerDeployment(String uri, boolean force) {
    ObjectNode body = json.createObjectNode().put("uri", uri).put("force", force);
    JsonNode response = send("POST", "/deployments", body);
    List<String> services = new ArrayList<>();
    response.path("services").forEach(service -> services.add(service.path("name").asText()));
    return services;
  }

  /** Returns the names of the handlers of a registered service. */
  public List<String> handlerNames(String service) {
    List<String> names = new ArrayList<>();
    send("GET", "/services/" + service, null)
        .path("handlers")
        .forEach(handler -> names.add(handler.path("name").asText()));
    return names;
  }

  /** Returns the subscriptions, each as its {@code source} and {@code sink} among other fields. */
  public List<JsonNode> subscriptions() {
    List<JsonNode> result = new ArrayList<>();
    send("GET", "/subscriptions", null).path("subscriptions").forEach(result::add);
    return result;
  }

  /**
   * Creates a subscription from {@code source} (for example {@code kafka://my-cluster/topic}) to
   * {@code sink} (for example {@code service://userFeed/processPost}) and returns its id.
   */
  public String createSubscription(String source, String sink, Map<String, String> options) {
    ObjectNode body = json.createObjectNode().put("source", source).put("sink", sink);
    ObjectNode optionsNode = body.putObject("options");
    options.forEach(optionsNode::put);
    return send("POST", "/subscriptions", body).path("id").asText();
  }

  /** Deletes a subscription: Restate stops consuming its topic for the handler. */
  public void deleteSubscription(String subscriptionId) {
    send("DELETE", "/subscriptions/" + subscriptionId, null);
  }

  /** Runs a SQL query over the server's introspection tables and returns the rows. */
  public List<JsonNode> query(String sql) {
    ObjectNode body = json.createObjectNode().put("query", sql);
    List<JsonNode> rows = new ArrayList<>();
    send("POST", "/query", body).path("rows").forEach(rows::add);
    return rows;
  }

  /** Cancels an invocation: Restate runs its compensations and fails it with a terminal error. */
  public void cancelInvocation(String invocationId) {
    send("PATCH", "/invocations/" + invocationId + "/cancel", null);
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(adminUrl + path))
            .timeout(TIMEOUT)
            .header("accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new RestateAdminException(
            method
                + " "
                + adminUrl
                + path
                + " failed with "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new RestateAdminException(
          method
              + " "
              + adminUrl
              + path
              + " failed: "
              + e.getMessage()
              + ". Is a Restate server running there?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestateAdminException("Interrupted during " + method + " " + adminUrl + path, e);
    }
  }

  /** Thrown when the admin API cannot be reached or returns an error. */
  public static class RestateAdminException extends RuntimeException {
    public RestateAdminException(String message) {
      super(message);
    }

    public RestateAdminException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
