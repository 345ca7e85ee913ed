package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sends malformed requests to every handler and to the publish endpoint. Each is rejected with a
 * 4xx naming the problem or handled, nothing is left retrying, and a registered package reads the
 * same afterwards. Records that the endpoint accepts go on through Kafka to the subscribed
 * handlers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "demo.event-processing.moderation-poll-interval=200ms",
      "demo.event-processing.moderation-pending-rate=0"
    })
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_PACKAGE = "poison-kept-package";

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired KafkaTestBroker broker;
  @LocalServerPort int webPort;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    DemoTopics.ensureSubscriptions(restate, broker);
    PackageInfo keptInfo =
        new PackageInfo(
            "Bridge 6, Amsterdam",
            List.of(new LocationUpdate("2024-10-10 13:00", "Pinetree Road 5, Paris")));
    PackageTrackerClient.fromClient(client, KEPT_PACKAGE).registerPackage(keptInfo);
    PackageTrackerClient.fromClient(client, "poison-moving-package")
        .registerPackage(new PackageInfo("Bridge 6, Amsterdam", null));
    String location = "{\"timestamp\":\"2024-10-10 14:00\",\"location\":\"Brussels\"}";

    PoisonInputReport report =
        PoisonInputMatrix.forModule("event-processing", restate)
            .target(
                PoisonTarget.objectHandler("userFeed", "poison-user", "processPost")
                    .keyName("user")
                    .jsonBody(
                        "{\"content\":\"Hi! This is my first post!\",\"metadata\":\"public\"}"))
            .target(
                PoisonTarget.objectHandler(
                        "package-tracker", "poison-registered", "registerPackage")
                    .keyName("package")
                    .freshKeyPerCase()
                    .jsonBody(
                        "{\"finalDestination\":\"Bridge 6, Amsterdam\",\"locations\":["
                            + location
                            + "]}"))
            .target(
                PoisonTarget.objectHandler(
                        "package-tracker", "poison-moving-package", "updateLocation")
                    .keyName("package")
                    .jsonBody(location))
            .target(
                PoisonTarget.objectHandler("package-tracker", KEPT_PACKAGE, "getPackageInfo")
                    .keyName("package"))
            .target(
                PoisonTarget.endpoint("POST", "http://127.0.0.1:" + webPort, "/publish/{topic}")
                    .pathVariable("topic", DemoTopics.POSTS)
                    .textBody(
                        "poison-user:{\"content\":\"Hi! This is my first post!\","
                            + "\"metadata\":\"public\"}",
                        "text/plain"))
            .keepsState(
                "package " + KEPT_PACKAGE,
                keptInfo,
                () -> PackageTrackerClient.fromClient(client, KEPT_PACKAGE).getPackageInfo())
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }
}
