package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.support.server.FreePorts;
import java.net.ServerSocket;
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
  void takenEndpointPortFailsStartWithPortAndProperty() throws Exception {
    // The endpoint binds all interfaces, so the port is taken on all of them.
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  start(
                          "restate.sdk.http.port=" + port,
                          "restate.client.base-uri=http://127.0.0.1:1")
                      .close())
          .hasStackTraceContaining("cannot listen on port " + port)
          .hasStackTraceContaining("restate.sdk.http.port");
    }
  }

  @Test
  void unreachableRestateGives503() throws Exception {
    int closedPort = FreePorts.pick(1).get(0);

    try (ConfigurableApplicationContext app =
        start(
            "restate.sdk.http.port=0", "restate.client.base-uri=http://127.0.0.1:" + closedPort)) {
      int webPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + webPort + "/reserve/p1/reservation1"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode problem = new ObjectMapper().readTree(response.body());
      assertThat(problem.path("detail").asText())
          .startsWith("The Restate server is not reachable at http://127.0.0.1:" + closedPort);
    }
  }

  /** Passes the properties as command-line arguments, which override application.properties. */
  private static ConfigurableApplicationContext start(String... properties) {
    List<String> args =
        new ArrayList<>(List.of("--server.port=0", "--restate.local.enabled=false"));
    for (String property : properties) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(DurableRpcApplication.class)
        .run(args.toArray(String[]::new));
  }
}
