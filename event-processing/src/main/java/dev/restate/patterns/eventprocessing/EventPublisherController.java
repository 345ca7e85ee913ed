package dev.restate.patterns.eventprocessing;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes demo events to Kafka with Spring Kafka, so the demo needs no Kafka tools.
 *
 * <p>{@code POST /publish/{topic}} takes lines in the format of Kafka's console producer with
 * {@code parse.key=true} and {@code key.separator=:}: each non-blank line is one record, its key
 * before the first colon and its value after it. The values go out as they are, valid JSON or not,
 * so the demo can also publish a malformed record. The response lists where each record landed.
 */
@RestController
public class EventPublisherController {

  private static final Logger log = LoggerFactory.getLogger(EventPublisherController.class);

  private static final long SEND_TIMEOUT_SECONDS = 30;

  /** The topic, partition and offset of a published record, and its key. */
  public record PublishedRecord(String topic, int partition, long offset, String key) {}

  private final KafkaTemplate<String, String> kafka;
  private final EventProcessingSettings settings;
  private final String bootstrapServers;

  public EventPublisherController(
      KafkaTemplate<String, String> kafka,
      EventProcessingSettings settings,
      @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
    this.kafka = kafka;
    this.settings = settings;
    this.bootstrapServers = bootstrapServers;
  }

  @PostMapping("/publish/{topic}")
  public List<PublishedRecord> publish(
      @PathVariable String topic, @RequestBody(required = false) String lines)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!settings.topics().contains(topic)) {
      throw badRequest("topic " + quote(topic) + " is not one of " + settings.topics());
    }
    List<String[]> records = parse(lines);

    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
    for (String[] record : records) {
      sends.add(kafka.send(topic, record[0], record[1]));
    }
    List<PublishedRecord> published = new ArrayList<>();
    for (CompletableFuture<SendResult<String, String>> send : sends) {
      SendResult<String, String> result = send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      published.add(
          new PublishedRecord(
              topic,
              result.getRecordMetadata().partition(),
              result.getRecordMetadata().offset(),
              result.getProducerRecord().key()));
    }
    log.info("topic {}: published {}", topic, published);
    return published;
  }

  /**
   * Returns 503 when the broker did not take the records in time or rejected them, and 413 when a
   * record is larger than the producer's {@code max.request.size}, which no retry fixes.
   */
  @ExceptionHandler({KafkaException.class, ExecutionException.class, TimeoutException.class})
  public ProblemDetail kafkaUnavailable(Exception e) {
    // KafkaTemplate throws KafkaException when the broker's metadata does not arrive within
    // max.block.ms, and fails the future when the record is not acknowledged.
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException tooLarge) {
        return ProblemDetail.forStatusAndDetail(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "A record is too large to publish: " + tooLarge.getMessage() + " Send smaller values.");
      }
    }
    log.warn("Publishing to the Kafka broker at {} failed: {}", bootstrapServers, cause.toString());
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Publishing to the Kafka broker at "
            + bootstrapServers
            + " failed: "
            + cause.getMessage()
            + ". Start the broker or set spring.kafka.bootstrap-servers, then try again.");
  }

  /** Splits the body into key and value pairs, or throws a 400 naming the first bad line. */
  private static List<String[]> parse(String lines) {
    List<String[]> records = new ArrayList<>();
    String[] split = lines == null ? new String[0] : lines.split("\\R");
    for (int i = 0; i < split.length; i++) {
      String line = split[i];
      if (line.isBlank()) {
        continue;
      }
      int separator = line.indexOf(':');
      if (separator < 0) {
        throw badRequest("line " + (i + 1) + " has no key: expected key:value, got " + quote(line));
      }
      if (separator == 0) {
        throw badRequest("line " + (i + 1) + " has an empty key: expected key:value");
      }
      // The console producer would take the text up to the first colon of a JSON value as key.
      if (line.startsWith("{") || line.startsWith("[")) {
        throw badRequest(
            "line " + (i + 1) + " starts with a JSON value instead of a key: expected key:value");
      }
      records.add(new String[] {line.substring(0, separator), line.substring(separator + 1)});
    }
    if (records.isEmpty()) {
      throw badRequest("body is empty: send one key:value line per record");
    }
    return records;
  }
}
