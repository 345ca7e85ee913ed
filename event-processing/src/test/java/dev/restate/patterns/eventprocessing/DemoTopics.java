package dev.restate.patterns.eventprocessing;

import dev.restate.patterns.eventprocessing.EventPublisherController.PublishedRecord;
import dev.restate.patterns.support.kafka.KafkaSubscriptions;
import dev.restate.patterns.support.kafka.KafkaTopics;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.RestateTestServer;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The demo's topics and subscriptions on the test broker and server, as the local run creates them,
 * and publishing through the application's {@code POST /publish/{topic}}.
 */
final class DemoTopics {

  static final String CLUSTER = "my-cluster";
  static final String POSTS = "social-media-posts";
  static final String LOCATIONS = "package-location-updates";
  static final String POSTS_SINK = "service://userFeed/processPost";
  static final String LOCATIONS_SINK = "service://package-tracker/updateLocation";

  private DemoTopics() {}

  /**
   * Creates the topics and subscriptions unless they exist; the server and broker are shared by all
   * test classes of the JVM. Call it after the deployment is registered.
   */
  static void ensureSubscriptions(RestateTestServer restate, KafkaTestBroker broker) {
    KafkaTopics.createMissing(broker.bootstrapServers(), List.of(POSTS, LOCATIONS), 1);
    Map<String, String> options = Map.of("auto.offset.reset", "earliest");
    KafkaSubscriptions.ensure(
        restate.admin(), KafkaSubscriptions.source(CLUSTER, POSTS), POSTS_SINK, options);
    KafkaSubscriptions.ensure(
        restate.admin(), KafkaSubscriptions.source(CLUSTER, LOCATIONS), LOCATIONS_SINK, options);
  }

  /** Publishes {@code key:value} lines through the application and returns where they landed. */
  static List<PublishedRecord> publish(TestRestTemplate http, String topic, String... lines) {
    ResponseEntity<List<PublishedRecord>> response = send(http, topic, String.join("\n", lines));
    if (response.getStatusCode() != HttpStatus.OK) {
      throw new IllegalStateException("Publishing failed with " + response.getStatusCode());
    }
    return response.getBody();
  }

  static ResponseEntity<List<PublishedRecord>> send(
      TestRestTemplate http, String topic, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    return http.exchange(
        "/publish/{topic}",
        HttpMethod.POST,
        new HttpEntity<>(body, headers),
        new ParameterizedTypeReference<>() {},
        topic);
  }
}
