package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.patterns.support.kafka.KafkaSubscriptions;
import dev.restate.patterns.support.kafka.KafkaTopics;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application by itself with its local-run support on, the way the README's run command
 * does, against the shared test server and broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalRunTest {

  private static final String SINK = DemoTopics.LOCATIONS_SINK;

  @Autowired RestateTestServer restate;
  @Autowired KafkaTestBroker broker;

  @Test
  void secondStartKeepsTheSubscription() {
    String topic = "local-run-" + UUID.randomUUID();
    String source = KafkaSubscriptions.source(DemoTopics.CLUSTER, topic);

    start(broker.bootstrapServers(), topic).close();
    List<String> afterFirstStart = KafkaSubscriptions.find(restate.admin(), source, SINK);
    start(broker.bootstrapServers(), topic).close();
    List<String> afterSecondStart = KafkaSubscriptions.find(restate.admin(), source, SINK);

    assertThat(afterFirstStart).hasSize(1);
    assertThat(afterSecondStart).containsExactlyElementsOf(afterFirstStart);
    JsonNode subscription = subscription(afterFirstStart.get(0));
    assertThat(subscription.path("options").path("auto.offset.reset").asText())
        .isEqualTo("earliest");
  }

  @Test
  void missingBrokerIsStartedInProcessWithTopics() throws Exception {
    int port = FreePorts.pick(1).get(0);
    String topic = "local-run-" + UUID.randomUUID();

    Set<String> topics;
    try (ConfigurableApplicationContext app =
        start("localhost:" + port, topic, "restate.local.kafka.create-subscriptions=false")) {
      topics = topicsAt("localhost:" + port);
    }

    assertThat(topics).contains(topic);
    assertThat(FreePorts.isFree("127.0.0.1", port)).isTrue();
  }

  @Test
  void freshInProcessBrokerReplacesTheSubscription() {
    int port = FreePorts.pick(1).get(0);
    String topic = "local-run-" + UUID.randomUUID();
    String source = KafkaSubscriptions.source(DemoTopics.CLUSTER, topic);
    KafkaTopics.createMissing(broker.bootstrapServers(), List.of(topic), 1);

    start("localhost:" + port, topic).close();
    List<String> afterFirstStart = KafkaSubscriptions.find(restate.admin(), source, SINK);
    start("localhost:" + port, topic).close();
    List<String> afterSecondStart = KafkaSubscriptions.find(restate.admin(), source, SINK);

    assertThat(afterFirstStart).hasSize(1);
    assertThat(afterSecondStart).hasSize(1).doesNotContainAnyElementsOf(afterFirstStart);
  }

  @Test
  void unknownClusterStillStartsTheApplication() {
    String topic = "local-run-" + UUID.randomUUID();
    KafkaTopics.createMissing(broker.bootstrapServers(), List.of(topic), 1);

    try (ConfigurableApplicationContext app =
        start(broker.bootstrapServers(), topic, "restate.local.kafka.cluster-name=other-cluster")) {
      assertThat(app.isActive()).isTrue();
    }

    String source = KafkaSubscriptions.source("other-cluster", topic);
    assertThat(KafkaSubscriptions.find(restate.admin(), source, SINK)).isEmpty();
  }

  /**
   * Starts the application with one subscription from {@code topic} to updateLocation. It uses the
   * shared server, where the test support has registered the services already, so it does not
   * register its own endpoint. The subscription replaces the list of application.properties.
   */
  private ConfigurableApplicationContext start(
      String bootstrapServers, String topic, String... extraProperties) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--restate.sdk.http.port=0");
    args.add("--restate.client.base-uri=" + restate.ingressUrl());
    args.add("--restate.local.admin-url=" + restate.adminUrl());
    args.add("--restate.local.start-server=false");
    args.add("--restate.local.register=false");
    args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    args.add("--restate.local.kafka.subscriptions[0].topic=" + topic);
    args.add("--restate.local.kafka.subscriptions[0].sink=" + SINK);
    for (String property : extraProperties) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(EventProcessingApplication.class)
        .run(args.toArray(String[]::new));
  }

  private JsonNode subscription(String id) {
    return restate.admin().subscriptions().stream()
        .filter(subscription -> subscription.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static Set<String> topicsAt(String bootstrapServers) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }
}
