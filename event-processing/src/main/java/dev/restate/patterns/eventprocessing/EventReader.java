package dev.restate.patterns.eventprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.common.TerminalException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the JSON value of an event that a virtual object handler receives from a Kafka subscription
 * or over HTTP, and rejects an event that has no key, is not valid JSON for its type, or fails the
 * handler's checks.
 *
 * <p>Restate invokes a subscribed handler once per Kafka record, with the record key as object key
 * and the record's topic, partition and offset in the {@code kafka.*} request headers. A rejected
 * event fails its invocation with a terminal error, so Restate does not retry it and goes on with
 * the next record of the same key. The warning logged here names the record, so it can be found on
 * its topic.
 */
final class EventReader {

  private static final Logger log = LoggerFactory.getLogger(EventReader.class);

  /** Header names under which Restate passes a Kafka record's coordinates to the handler. */
  static final String TOPIC_HEADER = "kafka.topic";

  static final String PARTITION_HEADER = "kafka.partition";
  static final String OFFSET_HEADER = "kafka.offset";

  /** Fields that an event does not declare are ignored, as newer producers may add some. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private EventReader() {}

  /**
   * Returns the event in {@code value} as a {@code type}, or throws a terminal 400 error.
   *
   * @param entity what the object key identifies, for the log line, for example {@code user}
   * @param checks input validation that throws a {@link TerminalException} naming the field, such
   *     as the checks of {@code dev.restate.patterns.common.Validation}
   */
  static <T> T read(
      SharedObjectContext ctx, String entity, byte[] value, Class<T> type, Consumer<T> checks) {
    if (ctx.key().isEmpty()) {
      throw reject(
          ctx,
          entity,
          TerminalException.BAD_REQUEST_CODE,
          "the record has no key, which must be the " + entity + " id");
    }
    T event;
    try {
      event = JSON.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw reject(
          ctx,
          entity,
          TerminalException.BAD_REQUEST_CODE,
          "the value is not valid JSON for "
              + type.getSimpleName()
              + ": "
              + fieldOf(e)
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw reject(
          ctx,
          entity,
          TerminalException.BAD_REQUEST_CODE,
          "the value could not be read: " + e.getMessage());
    }
    if (event == null) {
      throw reject(ctx, entity, TerminalException.BAD_REQUEST_CODE, "the value is null");
    }
    try {
      checks.accept(event);
    } catch (TerminalException e) {
      throw reject(ctx, entity, e.getCode(), e.getMessage());
    }
    return event;
  }

  /**
   * Logs a rejected event with the Kafka record it came from and returns the terminal error that
   * fails its invocation.
   */
  static TerminalException reject(SharedObjectContext ctx, String entity, int code, String reason) {
    String origin = origin(ctx.request().headers(), ctx.key());
    log.warn("{} {}: rejected {}: {}", entity, ctx.key(), origin, reason);
    return new TerminalException(code, "Rejected " + origin + ": " + reason);
  }

  /** Names the field that a mapping error is about, for example {@code field content: }. */
  private static String fieldOf(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return "field " + path + ": ";
  }

  /** Describes where an event came from: a Kafka record with its coordinates, or a request. */
  private static String origin(Map<String, String> headers, String key) {
    String topic = headers.get(TOPIC_HEADER);
    if (topic == null) {
      return "request";
    }
    return "Kafka record (topic "
        + topic
        + ", partition "
        + headers.get(PARTITION_HEADER)
        + ", offset "
        + headers.get(OFFSET_HEADER)
        + ", key '"
        + key
        + "')";
  }
}
