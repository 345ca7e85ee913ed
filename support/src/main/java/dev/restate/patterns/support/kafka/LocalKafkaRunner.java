package dev.restate.patterns.support.kafka;

import dev.restate.patterns.support.kafka.KafkaSubscriptions.Outcome;
import dev.restate.patterns.support.kafka.KafkaSubscriptions.Result;
import dev.restate.patterns.support.kafka.LocalKafkaProperties.Subscription;
import dev.restate.patterns.support.local.LocalRestateReadyEvent;
import dev.restate.patterns.support.local.LocalRestateServerCustomizer;
import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateAdminClient.RestateAdminException;
import dev.restate.patterns.support.server.RestateServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * The Kafka steps of a local run, each logging one line:
 *
 * <ol>
 *   <li>at start-up, use the broker at the broker address, or start an in-process broker there when
 *       none accepts connections and the address is on this machine;
 *   <li>when the local-run support starts a restate-server, write a configuration file with the
 *       Kafka cluster and start the server with it;
 *   <li>once the deployment is registered, create the missing topics and the missing subscriptions.
 * </ol>
 *
 * An in-process broker begins with empty topics whose offsets start at 0 again. Restate skips
 * records at offsets that a subscription has read before, so with such a broker the existing
 * subscriptions are replaced instead of kept.
 */
public class LocalKafkaRunner
    implements InitializingBean,
        DisposableBean,
        LocalRestateServerCustomizer,
        ApplicationListener<LocalRestateReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaRunner.class);

  private static final String EMBEDDED_BROKER_CLASS =
      "org.springframework.kafka.test.EmbeddedKafkaKraftBroker";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1");
  private static final int PROBE_TIMEOUT_MILLIS = 1000;

  private final LocalKafkaProperties properties;
  private final String bootstrapServers;
  private InProcessKafkaBroker startedBroker;

  public LocalKafkaRunner(LocalKafkaProperties properties, String bootstrapServers) {
    this.properties = properties;
    this.bootstrapServers = bootstrapServers;
  }

  /** Step 1: uses the broker at the broker address or starts one there. */
  @Override
  public void afterPropertiesSet() {
    List<String> servers = RestateKafkaClusterConfig.servers(bootstrapServers);
    if (servers.size() > 1 || answers(servers.get(0))) {
      log.info("Using the Kafka broker at {}", bootstrapServers);
      return;
    }
    String host = servers.get(0).substring(0, servers.get(0).lastIndexOf(':'));
    int port = Integer.parseInt(servers.get(0).substring(servers.get(0).lastIndexOf(':') + 1));
    if (!properties.startBroker() || !LOOPBACK_HOSTS.contains(host)) {
      log.warn(
          "No Kafka broker accepts connections at {}: Restate reads no records until one does."
              + " Start one (docker compose up -d) or set spring.kafka.bootstrap-servers.",
          bootstrapServers);
      return;
    }
    if (!ClassUtils.isPresent(EMBEDDED_BROKER_CLASS, getClass().getClassLoader())) {
      log.warn(
          "No Kafka broker accepts connections at {}, and spring-kafka-test, which runs one"
              + " in-process, is not on the classpath. Start a broker (docker compose up -d) or"
              + " add that dependency.",
          bootstrapServers);
      return;
    }
    startedBroker = InProcessKafkaBroker.start(port);
    log.info(
        "Started an in-process Kafka broker (KRaft) at {}; its topics are gone when the"
            + " application stops",
        startedBroker.bootstrapServers());
  }

  /** Step 2: starts a restate-server with the Kafka cluster in its configuration. */
  @Override
  public RestateServerSettings customize(RestateServerSettings settings) {
    if (settings.configFile() != null) {
      log.info(
          "Starting restate-server with the configuration {}, which must define the Kafka cluster"
              + " {}",
          settings.configFile(),
          properties.clusterName());
      return settings;
    }
    Path file = settings.dataDir().toAbsolutePath().getParent().resolve("restate-server.toml");
    RestateKafkaClusterConfig.write(file, properties.clusterName(), bootstrapServers);
    log.info(
        "Wrote the Kafka cluster {} at {} into the restate-server configuration {}",
        properties.clusterName(),
        bootstrapServers,
        file);
    return settings.withConfigFile(file);
  }

  /** Step 3: creates the missing topics and subscriptions. */
  @Override
  public void onApplicationEvent(LocalRestateReadyEvent event) {
    List<String> topics =
        properties.subscriptions().stream().map(Subscription::topic).distinct().toList();
    if (properties.createTopics() && !topics.isEmpty()) {
      try {
        List<String> created =
            KafkaTopics.createMissing(bootstrapServers, topics, properties.topicPartitions());
        log.info("Kafka topics {} ready at {}, created now: {}", topics, bootstrapServers, created);
      } catch (IllegalStateException e) {
        log.error("{}. Subscriptions are not created.", e.getMessage());
        return;
      }
    }
    if (properties.createSubscriptions()) {
      for (Subscription subscription : properties.subscriptions()) {
        subscribe(event.admin(), subscription);
      }
    }
  }

  @Override
  public void destroy() {
    if (startedBroker != null) {
      log.info("Stopping the in-process Kafka broker at {}", startedBroker.bootstrapServers());
      startedBroker.close();
    }
  }

  private void subscribe(RestateAdminClient admin, Subscription subscription) {
    String source = KafkaSubscriptions.source(properties.clusterName(), subscription.topic());
    try {
      Result result =
          startedBroker != null
              ? KafkaSubscriptions.replace(
                  admin, source, subscription.sink(), subscription.options())
              : KafkaSubscriptions.ensure(
                  admin, source, subscription.sink(), subscription.options());
      if (result.outcome() == Outcome.EXISTED) {
        log.info("Subscription {} from {} to {} exists", result.id(), source, result.sink());
      } else if (result.outcome() == Outcome.REPLACED) {
        log.info(
            "Replaced the subscription from {} to {} by {}, since the in-process broker starts"
                + " its topics at offset 0 again",
            source,
            result.sink(),
            result.id());
      } else {
        log.info("Created subscription {} from {} to {}", result.id(), source, result.sink());
      }
    } catch (RestateAdminException e) {
      if (e.getMessage().contains("Kafka cluster") && e.getMessage().contains("not found")) {
        log.error(
            "Could not subscribe {} to {}: the Restate server at {} has no Kafka cluster {}. It"
                + " was started without that configuration: stop it and run again, so that a"
                + " server with the cluster starts, or start it with --config-file restate.toml.",
            subscription.sink(),
            source,
            admin.adminUrl(),
            properties.clusterName());
      } else {
        log.error("Could not subscribe {} to {}: {}", subscription.sink(), source, e.getMessage());
      }
    }
  }

  private static boolean answers(String server) {
    int colon = server.lastIndexOf(':');
    String host = server.substring(0, colon);
    int port = Integer.parseInt(server.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
