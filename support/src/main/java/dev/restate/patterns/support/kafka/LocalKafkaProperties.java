package dev.restate.patterns.support.kafka;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka part of the local-run support, under {@code restate.local.kafka}. The
 * broker address is Spring Kafka's {@code spring.kafka.bootstrap-servers} (localhost:9092 by
 * default), so the application's producer and Restate read the same broker.
 *
 * @param enabled turns the Kafka part on or off
 * @param clusterName the name of the cluster in Restate's configuration and in subscription sources
 *     ({@code kafka://<clusterName>/<topic>})
 * @param startBroker start an in-process broker when no broker accepts connections at the broker
 *     address
 * @param createTopics create the subscribed topics that the broker does not have
 * @param topicPartitions the number of partitions of a topic created here
 * @param createSubscriptions create the subscriptions that the Restate server does not have
 * @param subscriptions the topics to subscribe handlers to
 */
@ConfigurationProperties(prefix = "restate.local.kafka")
public record LocalKafkaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("my-cluster") String clusterName,
    @DefaultValue("true") boolean startBroker,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("1") int topicPartitions,
    @DefaultValue("true") boolean createSubscriptions,
    @DefaultValue List<Subscription> subscriptions) {

  /**
   * One subscription: Restate invokes {@code sink} for every record of {@code topic}.
   *
   * @param topic the Kafka topic
   * @param sink the handler, for example {@code service://userFeed/processPost}
   * @param options Kafka consumer options of the subscription; by default {@code
   *     auto.offset.reset=earliest}, so records published before the subscription are read too
   */
  public record Subscription(String topic, String sink, Map<String, String> options) {

    public Subscription {
      options =
          options == null || options.isEmpty()
              ? Map.of("auto.offset.reset", "earliest")
              : Map.copyOf(options);
    }
  }
}
