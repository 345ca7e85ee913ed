package dev.restate.patterns.testing;

import dev.restate.patterns.support.kafka.InProcessKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.ClassUtils;

/**
 * The one Kafka broker of a test JVM, started on first use and stopped when the JVM exits: a Kafka
 * container where a Docker engine responds and the Testcontainers Kafka module is on the classpath,
 * otherwise an in-process KRaft broker on a free port.
 */
public final class SharedKafkaBroker {

  private static final String CONTAINER_CLASS = "org.testcontainers.kafka.KafkaContainer";

  private static KafkaTestBroker broker;

  private SharedKafkaBroker() {}

  /** Returns the JVM's broker, starting it on first use. */
  public static synchronized KafkaTestBroker get() {
    if (broker == null) {
      broker = start();
      KafkaTestBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "kafka-broker-stop"));
    }
    return broker;
  }

  private static KafkaTestBroker start() {
    if (dockerLikelyAvailable()
        && ClassUtils.isPresent(CONTAINER_CLASS, SharedKafkaBroker.class.getClassLoader())
        && ContainerTestServer.dockerAvailable()) {
      return ContainerKafkaBroker.start();
    }
    InProcessKafkaBroker inProcess = InProcessKafkaBroker.start(0);
    return new KafkaTestBroker() {
      @Override
      public String bootstrapServers() {
        return inProcess.bootstrapServers();
      }

      @Override
      public void stop() {
        inProcess.close();
      }
    };
  }

  /**
   * Asking Testcontainers costs time and logs errors on machines without Docker, so it is asked
   * only when a Docker socket or {@code DOCKER_HOST} is there.
   */
  private static boolean dockerLikelyAvailable() {
    String dockerHost = System.getenv("DOCKER_HOST");
    return (dockerHost != null && !dockerHost.isBlank())
        || Files.exists(Path.of("/var/run/docker.sock"));
  }
}
