package dev.restate.patterns.testing;

import dev.restate.patterns.support.kafka.RestateKafkaClusterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the application context of a {@link WithRestateServer} test at the JVM's shared
 * restate-server: the Restate client at its ingress, the endpoint on a free port, local-run support
 * off. The server itself is available as a {@link RestateTestServer} bean.
 *
 * <p>With {@link WithKafkaBroker} as well, it first starts the JVM's shared Kafka broker and sets
 * up the server to start with that broker as a Kafka cluster. The application's Spring Kafka
 * clients then point at the broker, which is available as a {@link KafkaTestBroker} bean.
 */
public class RestateTestContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithRestateServer.class)) {
      return null;
    }
    WithKafkaBroker kafka =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, WithKafkaBroker.class);
    return new Customizer(kafka == null ? null : kafka.clusterName());
  }

  /**
   * Holds only the Kafka cluster name, so all test classes of a JVM with the same name share one
   * cached context per configuration.
   */
  private static final class Customizer implements ContextCustomizer {

    private static final Map<String, Path> KAFKA_CONFIG_FILES = new HashMap<>();

    private final String kafkaClusterName;

    Customizer(String kafkaClusterName) {
      this.kafkaClusterName = kafkaClusterName;
    }

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      List<String> properties = new ArrayList<>();
      KafkaTestBroker broker = null;
      if (kafkaClusterName != null) {
        broker = SharedKafkaBroker.get();
        SharedRestateServer.useConfigFile(
            writeKafkaConfig(kafkaClusterName, broker.bootstrapServers()));
        properties.add("spring.kafka.bootstrap-servers=" + broker.bootstrapServers());
      }
      RestateTestServer server = SharedRestateServer.get();
      properties.add("restate.client.base-uri=" + server.ingressUrl());
      properties.add("restate.sdk.http.port=0");
      properties.add("restate.local.enabled=false");
      TestPropertyValues.of(properties).applyTo(context);
      context.getBeanFactory().registerSingleton("restateTestServer", server);
      if (broker != null) {
        context.getBeanFactory().registerSingleton("kafkaTestBroker", broker);
      }
    }

    /**
     * Writes the configuration once per JVM and cluster, so that every test class hands the shared
     * server the same file.
     */
    private static Path writeKafkaConfig(String clusterName, String bootstrapServers) {
      synchronized (KAFKA_CONFIG_FILES) {
        return KAFKA_CONFIG_FILES.computeIfAbsent(
            clusterName + " " + bootstrapServers,
            key -> {
              try {
                Path file = Files.createTempFile("restate-kafka-", ".toml");
                file.toFile().deleteOnExit();
                return RestateKafkaClusterConfig.write(file, clusterName, bootstrapServers);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "Could not write the restate-server configuration", e);
              }
            });
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer customizer
          && Objects.equals(kafkaClusterName, customizer.kafkaClusterName);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Customizer.class, kafkaClusterName);
    }
  }
}
