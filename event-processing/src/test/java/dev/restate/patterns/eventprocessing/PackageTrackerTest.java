package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.eventprocessing.EventPublisherController.PublishedRecord;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PackageTrackerTest {

  private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(45);

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired KafkaTestBroker broker;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void subscribe() {
    DemoTopics.ensureSubscriptions(restate, broker);
  }

  @Test
  void demoLocationsArriveInPublishOrder() throws Exception {
    String packageId = uniquePackage();
    HttpResponse<String> registered =
        ingressPost(
            "/package-tracker/" + packageId + "/registerPackage",
            "{\"finalDestination\": \"Bridge 6, Amsterdam\"}");

    DemoTopics.publish(
        http,
        DemoTopics.LOCATIONS,
        packageId
            + ":{\"timestamp\": \"2024-10-10 13:00\", \"location\": \"Pinetree Road 5, Paris\"}",
        packageId
            + ":{\"timestamp\": \"2024-10-10 14:00\", \"location\": \"Mountain Road 155, Brussels\"}");

    assertThat(registered.statusCode()).isEqualTo(200);
    PackageInfo info = awaitLocations(packageId, 2);
    assertThat(info.finalDestination()).isEqualTo("Bridge 6, Amsterdam");
    assertThat(info.locations())
        .containsExactly(
            new LocationUpdate("2024-10-10 13:00", "Pinetree Road 5, Paris"),
            new LocationUpdate("2024-10-10 14:00", "Mountain Road 155, Brussels"));
  }

  @Test
  void malformedRecordIsSkippedAndNextIsProcessed() {
    String packageId = uniquePackage();
    tracker(packageId).registerPackage(new PackageInfo("Bridge 6, Amsterdam", null));

    List<PublishedRecord> published =
        DemoTopics.publish(
            http,
            DemoTopics.LOCATIONS,
            packageId + ":this is not JSON",
            packageId + ":{\"timestamp\": \"2024-10-10 13:00\"}",
            packageId + ":{\"timestamp\": \"2024-10-10 14:00\", \"location\": \"Warehouse A\"}");

    assertThat(published).extracting(PublishedRecord::partition).containsOnly(0);
    PackageInfo info = awaitLocations(packageId, 1);
    assertThat(info.locations())
        .containsExactly(new LocationUpdate("2024-10-10 14:00", "Warehouse A"));
    assertThat(failuresOf(packageId))
        .containsExactlyInAnyOrder(
            "[400] Rejected Kafka record (topic package-location-updates, partition 0, offset "
                + published.get(0).offset()
                + ", key '"
                + packageId
                + "'): the value is not valid JSON for LocationUpdate: Unrecognized token 'this':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')",
            "[400] Rejected Kafka record (topic package-location-updates, partition 0, offset "
                + published.get(1).offset()
                + ", key '"
                + packageId
                + "'): location is missing");
  }

  @Test
  void updateOfUnknownPackageFailsWithoutRetries() throws Exception {
    String packageId = uniquePackage();

    HttpResponse<String> response =
        ingressPost(
            "/package-tracker/" + packageId + "/updateLocation",
            "{\"timestamp\": \"2024-10-10 13:00\", \"location\": \"Warehouse A\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("package " + packageId + " not found");
  }

  @Test
  void kafkaUpdateOfUnknownPackageIsNotRetried() {
    String packageId = uniquePackage();

    DemoTopics.publish(
        http,
        DemoTopics.LOCATIONS,
        packageId + ":{\"timestamp\": \"2024-10-10 13:00\", \"location\": \"Warehouse A\"}");

    // Restate keeps finished invocations listed for a day; one that it retried would stay in
    // status backing-off instead.
    JsonNode invocation =
        await()
            .atMost(PROCESSING_TIMEOUT)
            .until(
                () -> invocationsOf(packageId),
                rows -> rows.size() == 1 && rows.get(0).path("status").asText().equals("completed"))
            .get(0);
    assertThat(invocation.path("invoked_by").asText()).isEqualTo("subscription");
    assertThat(invocation.path("completion_result").asText()).isEqualTo("failure");
    assertThat(invocation.path("completion_failure").asText())
        .startsWith("[404] Rejected Kafka record (topic package-location-updates, partition 0,")
        .endsWith("package " + packageId + " not found: register it first with registerPackage");
  }

  @Test
  void unknownPackageInfoIsNotFound() {
    String packageId = uniquePackage();

    IngressException error = null;
    try {
      tracker(packageId).getPackageInfo();
    } catch (IngressException e) {
      error = e;
    }

    assertThat(error).isNotNull();
    assertThat(error.getStatusCode()).isEqualTo(404);
  }

  @Test
  void registerWithoutDestinationIsRejected() throws Exception {
    HttpResponse<String> response =
        ingressPost("/package-tracker/" + uniquePackage() + "/registerPackage", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("finalDestination is missing");
  }

  @Test
  void registerWithIncompleteLocationIsRejected() throws Exception {
    HttpResponse<String> response =
        ingressPost(
            "/package-tracker/" + uniquePackage() + "/registerPackage",
            "{\"finalDestination\": \"Bridge 6\", \"locations\": [{\"timestamp\": \"13:00\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("locations[0].location is missing");
  }

  private PackageInfo awaitLocations(String packageId, int count) {
    return await()
        .atMost(PROCESSING_TIMEOUT)
        .ignoreException(IngressException.class)
        .until(() -> tracker(packageId).getPackageInfo(), info -> info.locations().size() >= count);
  }

  private List<JsonNode> invocationsOf(String packageId) {
    return restate
        .admin()
        .query(
            "SELECT id, status, invoked_by, completion_result, completion_failure"
                + " FROM sys_invocation WHERE target_service_name = 'package-tracker'"
                + " AND target_service_key = '"
                + packageId
                + "'");
  }

  private List<String> failuresOf(String packageId) {
    return invocationsOf(packageId).stream()
        .filter(row -> row.path("completion_result").asText().equals("failure"))
        .map(row -> row.path("completion_failure").asText())
        .toList();
  }

  private PackageTrackerClient.IngressClient tracker(String packageId) {
    return PackageTrackerClient.fromClient(client, packageId);
  }

  private HttpResponse<String> ingressPost(String path, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(restate.ingressUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String uniquePackage() {
    return "package-" + UUID.randomUUID();
  }
}
