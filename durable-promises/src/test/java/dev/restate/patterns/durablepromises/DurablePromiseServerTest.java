package dev.restate.patterns.durablepromises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The durablePromiseServer handlers called over HTTP with the bodies of the README's curls. */
@SpringBootTest
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DurablePromiseServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BARACK = "{\"name\": \"Barack\", \"email\": \"b@whitehouse.gov\"}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;

  @Test
  void deploymentServesPromiseServicesWithTheirHandlers() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactlyInAnyOrder("promises", "durablePromiseServer", "qna");
    assertThat(restate.admin().handlerNames("durablePromiseServer"))
        .containsExactlyInAnyOrder("peek", "await", "resolve", "reject", "dispose");
    assertThat(restate.admin().handlerNames("promises"))
        .containsExactlyInAnyOrder("peek", "await", "resolve", "reject", "dispose");
    assertThat(restate.admin().handlerNames("qna")).containsExactlyInAnyOrder("ask", "answer");
  }

  @Test
  void peekOfOpenPromiseSaysItIsOpen() throws Exception {
    String promise = uniquePromise();

    HttpResponse<String> response = call("peek", nameOnly(promise));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(JSON.readTree("{\"promiseName\": \"" + promise + "\", \"completed\": false}"));
  }

  @Test
  void resolveThenRejectKeepsValue() throws Exception {
    String promise = uniquePromise();

    JsonNode resolved = callOk("resolve", withValue(promise, BARACK));
    JsonNode rejected = callOk("reject", withError(promise, "help!"));
    JsonNode peeked = callOk("peek", nameOnly(promise));

    JsonNode expected =
        JSON.readTree(
            "{\"promiseName\": \""
                + promise
                + "\", \"completed\": true, \"value\": "
                + BARACK
                + "}");
    assertThat(resolved).isEqualTo(expected);
    assertThat(rejected).isEqualTo(expected);
    assertThat(peeked).isEqualTo(expected);
    assertThat(PromiseState.stateValue(restate, promise, "value"))
        .contains(JSON.readTree("{\"value\": " + BARACK + "}"));
  }

  @Test
  void rejectThenResolveKeepsError() throws Exception {
    String promise = uniquePromise();

    JsonNode rejected = callOk("reject", withError(promise, "help!"));
    JsonNode resolved = callOk("resolve", withValue(promise, BARACK));
    JsonNode awaited = callOk("await", nameOnly(promise));

    JsonNode expected =
        JSON.readTree(
            "{\"promiseName\": \""
                + promise
                + "\", \"completed\": true, \"errorMessage\": \"help!\"}");
    assertThat(rejected).isEqualTo(expected);
    assertThat(resolved).isEqualTo(expected);
    assertThat(awaited).isEqualTo(expected);
  }

  @Test
  void awaitBeforeResolveReturnsWhenResolved() throws Exception {
    String promise = uniquePromise();
    CompletableFuture<HttpResponse<String>> awaiting = callAsync("await", nameOnly(promise));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, promise) == 1);
    assertThat(awaiting).isNotDone();

    callOk("resolve", withValue(promise, "\"late but there\""));

    HttpResponse<String> awaited = awaiting.get(30, TimeUnit.SECONDS);
    assertThat(awaited.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(awaited.body()).path("value").asText()).isEqualTo("late but there");
    assertThat(PromiseState.listenerCount(restate, promise)).isZero();
  }

  @Test
  void awaitAfterResolveReturnsAtOnce() throws Exception {
    String promise = uniquePromise();
    callOk("resolve", withValue(promise, "7"));

    JsonNode awaited = callOk("await", nameOnly(promise));

    assertThat(awaited.path("completed").asBoolean()).isTrue();
    assertThat(awaited.path("value").asInt()).isEqualTo(7);
  }

  @Test
  void resolveWithJsonNullStoresNull() throws Exception {
    String promise = uniquePromise();

    JsonNode resolved = callOk("resolve", withValue(promise, "null"));

    assertThat(resolved.path("completed").asBoolean()).isTrue();
    assertThat(resolved.has("value")).isTrue();
    assertThat(resolved.path("value").isNull()).isTrue();
  }

  @Test
  void disposeRejectsPendingAwaiter() throws Exception {
    String promise = uniquePromise();
    CompletableFuture<HttpResponse<String>> awaiting = callAsync("await", nameOnly(promise));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, promise) == 1);

    HttpResponse<String> disposed = call("dispose", nameOnly(promise));

    assertThat(disposed.statusCode()).isEqualTo(200);
    JsonNode awaited = JSON.readTree(awaiting.get(30, TimeUnit.SECONDS).body());
    assertThat(awaited.path("errorMessage").asText())
        .isEqualTo("promise " + promise + " was disposed");
    assertThat(callOk("peek", nameOnly(promise)).path("completed").asBoolean()).isFalse();
    assertThat(PromiseState.stateValue(restate, promise, "listeners")).isEmpty();
  }

  @Test
  void disposeClearsValueSoIdCanBeReused() throws Exception {
    String promise = uniquePromise();
    callOk("resolve", withValue(promise, "1"));

    call("dispose", nameOnly(promise));
    JsonNode resolvedAgain = callOk("resolve", withValue(promise, "2"));

    assertThat(resolvedAgain.path("value").asInt()).isEqualTo(2);
  }

  @Test
  void missingPromiseNameIsRejectedByEveryHandler() throws Exception {
    for (String handler : List.of("peek", "await", "resolve", "reject", "dispose")) {
      HttpResponse<String> response = call(handler, "{\"request\": {}}");

      assertThat(response.statusCode()).as(handler).isEqualTo(400);
      assertThat(message(response)).as(handler).isEqualTo("request.promiseName is missing");
    }
  }

  @Test
  void blankPromiseNameIsRejected() throws Exception {
    HttpResponse<String> response = call("peek", "{\"request\": {\"promiseName\": \" \"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("request.promiseName must not be empty");
  }

  @Test
  void missingRequestFieldIsRejected() throws Exception {
    HttpResponse<String> response = call("peek", "{\"promiseName\": \"p\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).startsWith("request is missing: wrap the fields");
  }

  @Test
  void emptyRequestObjectIsRejected() throws Exception {
    HttpResponse<String> response = call("peek", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).startsWith("request is missing");
  }

  @Test
  void rejectWithoutErrorMessageIsRejected() throws Exception {
    String promise = uniquePromise();

    HttpResponse<String> response = call("reject", nameOnly(promise));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("request.errorMessage is missing");
    assertThat(callOk("peek", nameOnly(promise)).path("completed").asBoolean()).isFalse();
  }

  @Test
  void resolveWithoutValueIsRejected() throws Exception {
    String promise = uniquePromise();

    HttpResponse<String> response = call("resolve", nameOnly(promise));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("request.value is missing");
    assertThat(callOk("peek", nameOnly(promise)).path("completed").asBoolean()).isFalse();
  }

  private static String uniquePromise() {
    return "prom-" + UUID.randomUUID();
  }

  private static String nameOnly(String promise) {
    return "{ \"request\": { \"promiseName\": \"" + promise + "\" } }";
  }

  private static String withValue(String promise, String valueJson) {
    return "{ \"request\": { \"promiseName\": \""
        + promise
        + "\", \"value\": "
        + valueJson
        + " } }";
  }

  private static String withError(String promise, String errorMessage) {
    return "{ \"request\": { \"promiseName\": \""
        + promise
        + "\", \"errorMessage\": \""
        + errorMessage
        + "\" } }";
  }

  private JsonNode callOk(String handler, String body) throws Exception {
    HttpResponse<String> response = call(handler, body);
    assertThat(response.statusCode()).as(handler + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> call(String handler, String body)
      throws IOException, InterruptedException {
    return http.send(request(handler, body), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> callAsync(String handler, String body) {
    return http.sendAsync(request(handler, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String handler, String body) {
    return HttpRequest.newBuilder(
            URI.create(restate.ingressUrl() + "/durablePromiseServer/" + handler))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String message(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("message").asText();
  }
}
