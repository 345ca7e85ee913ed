package dev.restate.patterns.support.kafka;

import dev.restate.patterns.support.server.RestateAdminClient;
import java.util.List;
import java.util.Map;

/**
 * Creates Restate subscriptions from Kafka topics to handlers through the admin API, at most one
 * per source and sink. The admin API accepts the same source and sink twice and then invokes the
 * handler twice for every record, so callers check before they create.
 */
public final class KafkaSubscriptions {

  /**
   * The effect of {@link #ensure} or {@link #replace} on the subscriptions of a source and sink.
   */
  public enum Outcome {
    /** No subscription existed, and one was created. */
    CREATED,
    /** A subscription existed and was kept. */
    EXISTED,
    /** A subscription existed and was deleted, and a new one was created. */
    REPLACED
  }

  /**
   * The subscription after a call.
   *
   * @param id the subscription id, for example {@code sub_15NkK5KOuk1vkOahHFmttwR}
   * @param source for example {@code kafka://my-cluster/social-media-posts}
   * @param sink for example {@code service://userFeed/processPost}
   * @param outcome whether it was created, kept or replaced
   */
  public record Result(String id, String source, String sink, Outcome outcome) {}

  private KafkaSubscriptions() {}

  /** Returns the Kafka source URI of a topic of a cluster named in the server's configuration. */
  public static String source(String clusterName, String topic) {
    return "kafka://" + clusterName + "/" + topic;
  }

  /** Returns the ids of the subscriptions from {@code source} to {@code sink}, oldest first. */
  public static List<String> find(RestateAdminClient admin, String source, String sink) {
    return admin.subscriptions().stream()
        .filter(subscription -> source.equals(subscription.path("source").asText()))
        .filter(subscription -> sink.equals(subscription.path("sink").asText()))
        .map(subscription -> subscription.path("id").asText())
        .toList();
  }

  /**
   * Creates a subscription from {@code source} to {@code sink} unless one exists.
   *
   * @param options consumer options such as {@code auto.offset.reset}; used only on creation
   */
  // NOTE: the admin API has no create-if-absent, so two processes that call this at the same
  // moment can both create one. The local run and the tests call it from one process at a time.
  public static Result ensure(
      RestateAdminClient admin, String source, String sink, Map<String, String> options) {
    List<String> existing = find(admin, source, sink);
    if (!existing.isEmpty()) {
      return new Result(existing.get(0), source, sink, Outcome.EXISTED);
    }
    String id = admin.createSubscription(source, sink, options);
    return new Result(id, source, sink, Outcome.CREATED);
  }

  /**
   * Deletes the subscriptions from {@code source} to {@code sink} and creates a new one.
   *
   * <p>Restate remembers, per subscription, the offsets it has read from each partition and skips
   * records at offsets it has already seen. After the topic was deleted and created again (as with
   * a broker that keeps its topics in memory), its offsets start at 0 again, and only a new
   * subscription reads them.
   */
  public static Result replace(
      RestateAdminClient admin, String source, String sink, Map<String, String> options) {
    List<String> existing = find(admin, source, sink);
    for (String id : existing) {
      admin.deleteSubscription(id);
    }
    String id = admin.createSubscription(source, sink, options);
    return new Result(id, source, sink, existing.isEmpty() ? Outcome.CREATED : Outcome.REPLACED);
  }
}
