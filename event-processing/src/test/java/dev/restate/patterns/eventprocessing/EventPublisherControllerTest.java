package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.patterns.eventprocessing.EventPublisherController.PublishedRecord;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventPublisherControllerTest {

  @Autowired TestRestTemplate http;
  @Autowired KafkaTestBroker broker;

  @Test
  void linesBecomeRecordsWithKeyAndValue() {
    String key = "key-" + UUID.randomUUID();

    List<PublishedRecord> published =
        DemoTopics.publish(
            http,
            DemoTopics.LOCATIONS,
            key + ":{\"timestamp\": \"13:00\", \"location\": \"a:b\"}",
            "",
            key + ":not JSON");

    assertThat(published).hasSize(2);
    assertThat(published).extracting(PublishedRecord::key).containsOnly(key);
    assertThat(published.get(1).offset()).isEqualTo(published.get(0).offset() + 1);
    List<ConsumerRecord<String, String>> records = read(published.get(0), 2);
    assertThat(records).extracting(ConsumerRecord::key).containsOnly(key);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactly("{\"timestamp\": \"13:00\", \"location\": \"a:b\"}", "not JSON");
  }

  @Test
  void unknownTopicIsRejected() {
    ResponseEntity<JsonNode> response = post("/publish/other-topic", "k:v");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo(
            "topic 'other-topic' is not one of [social-media-posts, package-location-updates]");
  }

  @Test
  void lineWithoutSeparatorIsRejected() {
    ResponseEntity<JsonNode> response = post("/publish/" + DemoTopics.POSTS, "k:{}\nno separator");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("line 2 has no key: expected key:value, got 'no separator'");
  }

  @Test
  void jsonWithoutKeyIsRejected() {
    ResponseEntity<JsonNode> response =
        post("/publish/" + DemoTopics.POSTS, "{\"content\": \"no key\"}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("line 1 starts with a JSON value instead of a key: expected key:value");
  }

  @Test
  void lineWithEmptyKeyIsRejected() {
    ResponseEntity<JsonNode> response = post("/publish/" + DemoTopics.POSTS, ":{}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("line 1 has an empty key: expected key:value");
  }

  @Test
  void emptyBodyIsRejected() {
    ResponseEntity<JsonNode> response = post("/publish/" + DemoTopics.POSTS, "\n  \n");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("body is empty: send one key:value line per record");
  }

  private ResponseEntity<JsonNode> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** Reads {@code count} records of the partition from the offset of {@code first} on. */
  private List<ConsumerRecord<String, String>> read(PublishedRecord first, int count) {
    Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(first.topic(), first.partition());
      consumer.assign(List.of(partition));
      consumer.seek(partition, first.offset());
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).records(partition).forEach(records::add);
      }
      return records.subList(0, Math.min(count, records.size()));
    }
  }
}
