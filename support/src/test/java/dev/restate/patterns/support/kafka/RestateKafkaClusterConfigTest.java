package dev.restate.patterns.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestateKafkaClusterConfigTest {

  @Test
  void tomlNamesClusterAndBrokers() {
    String toml = RestateKafkaClusterConfig.toml("my-cluster", "localhost:9092, broker:29092");

    assertThat(toml)
        .isEqualTo(
            "[[ingress.kafka-clusters]]\n"
                + "name = \"my-cluster\"\n"
                + "brokers = [\"PLAINTEXT://localhost:9092\", \"PLAINTEXT://broker:29092\"]\n");
  }

  @Test
  void clusterNameWithQuoteIsRejected() {
    assertThatThrownBy(() -> RestateKafkaClusterConfig.toml("my\"cluster", "localhost:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid Kafka cluster name 'my\"cluster'");
  }

  @Test
  void serverWithoutPortIsRejected() {
    assertThatThrownBy(() -> RestateKafkaClusterConfig.toml("my-cluster", "localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid Kafka bootstrap server 'localhost': expected host:port");
  }

  @Test
  void blankServersAreRejected() {
    assertThatThrownBy(() -> RestateKafkaClusterConfig.toml("my-cluster", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka bootstrap servers are missing");
  }
}
