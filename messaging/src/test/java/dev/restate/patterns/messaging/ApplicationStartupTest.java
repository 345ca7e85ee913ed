package dev.restate.patterns.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.support.server.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application by itself, the way a user does, to check its failure modes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationStartupTest {

  @Test
  void slowShareAboveOneFailsStart() {
    assertThatThrownBy(() -> start("demo.messaging.upload.slow-share=2").close())
        .hasStackTraceContaining(
            "demo.messaging.upload.slow-share must be between 0 and 1, got 2.0");
  }

  @Test
  void minSleepAboveMaxSleepFailsStart() {
    assertThatThrownBy(
            () ->
                start(
                        "demo.messaging.fan-out.min-subtask-sleep=3s",
                        "demo.messaging.fan-out.max-subtask-sleep=1s")
                    .close())
        .hasStackTraceContaining("demo.messaging.fan-out.min-subtask-sleep (PT3S)");
  }

  @Test
  void unreachableRestateGives503() throws Exception {
    int closedPort = FreePorts.pick(1).get(0);

    try (ConfigurableApplicationContext app =
        start("restate.client.base-uri=http://127.0.0.1:" + closedPort)) {
      int webPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> task =
          post(webPort, "/tasks", "{\"id\":\"task1\",\"task\":\"resize image\"}");
      HttpResponse<String> upload =
          post(webPort, "/upload/user1", "{\"email\":\"me@example.com\"}");

      String expectedStart =
          "The Restate server is not reachable at http://127.0.0.1:" + closedPort;
      assertThat(task.statusCode()).isEqualTo(503);
      assertThat(detail(task)).startsWith(expectedStart);
      assertThat(upload.statusCode()).isEqualTo(503);
      assertThat(detail(upload)).startsWith(expectedStart);
    }
  }

  private static HttpResponse<String> post(int webPort, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String detail(HttpResponse<String> response) throws Exception {
    JsonNode problem = new ObjectMapper().readTree(response.body());
    return problem.path("detail").asText();
  }

  /** Passes the properties as command-line arguments, which override application.properties. */
  private static ConfigurableApplicationContext start(String... properties) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0", "--restate.sdk.http.port=0", "--restate.local.enabled=false"));
    for (String property : properties) {
      args.add("--" + property);
    }
    // A property given twice on the command line binds as a comma-separated list, so add the
    // default ingress only when the test sets none.
    if (args.stream().noneMatch(arg -> arg.startsWith("--restate.client.base-uri="))) {
      args.add("--restate.client.base-uri=http://127.0.0.1:1");
    }
    return new SpringApplicationBuilder(MessagingApplication.class)
        .run(args.toArray(String[]::new));
  }
}
