package dev.restate.patterns.support.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Kafka topics that do not exist yet, through Kafka's admin client. */
public final class KafkaTopics {

  private static final int TIMEOUT_SECONDS = 15;

  private KafkaTopics() {}

  /**
   * Creates those of {@code topics} that the broker does not have, with {@code partitions}
   * partitions and replication factor 1, and returns their names.
   *
   * @throws IllegalStateException when the broker does not respond within 15 seconds or rejects the
   *     request
   */
  public static List<String> createMissing(
      String bootstrapServers, Collection<String> topics, int partitions) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, partitions, (short) 1));
        }
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      try {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another client created one of them in the meantime, which is as good.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "Could not create Kafka topics " + topics + " at " + bootstrapServers + ": " + cause,
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating Kafka topics " + topics, e);
    }
  }
}
