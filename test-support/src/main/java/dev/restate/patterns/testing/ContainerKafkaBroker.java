package dev.restate.patterns.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A single-node Kafka in KRaft mode in a Docker container, reachable from the host. */
// NOTE: this path has not run on the build machines of this project, because they have no
// Docker engine. The test suite exercises the in-process broker.
final class ContainerKafkaBroker implements KafkaTestBroker {

  static final String IMAGE = "apache/kafka:3.9.1";

  private final KafkaContainer container;

  private ContainerKafkaBroker(KafkaContainer container) {
    this.container = container;
  }

  static ContainerKafkaBroker start() {
    KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE));
    container.start();
    return new ContainerKafkaBroker(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void stop() {
    container.stop();
  }
}
