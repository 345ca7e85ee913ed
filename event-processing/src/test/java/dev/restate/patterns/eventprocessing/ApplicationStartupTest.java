package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.support.server.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void publishWithoutBrokerGives503() throws Exception {
    int closedPort = FreePorts.pick(1).get(0);

    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(EventProcessingApplication.class)
            .run(
                "--server.port=0",
                "--restate.sdk.http.port=0",
                "--restate.local.enabled=false",
                "--spring.kafka.bootstrap-servers=localhost:" + closedPort,
                "--spring.kafka.producer.properties.max.block.ms=2000")) {
      int webPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + webPort + "/publish/" + DemoTopics.POSTS))
                      .header("content-type", "text/plain")
                      .POST(HttpRequest.BodyPublishers.ofString("userid1:{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode problem = new ObjectMapper().readTree(response.body());
      assertThat(problem.path("detail").asText())
          .startsWith("Publishing to the Kafka broker at localhost:" + closedPort + " failed: ")
          .endsWith("Start the broker or set spring.kafka.bootstrap-servers, then try again.");
    }
  }
}
