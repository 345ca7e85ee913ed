package dev.restate.patterns.support.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a restate-server configuration file that defines one Kafka cluster, the source of
 * subscriptions such as {@code kafka://my-cluster/social-media-posts}. The server reads it when
 * started with {@code --config-file}; its Kafka clusters cannot be set through {@code RESTATE_...}
 * environment variables.
 */
public final class RestateKafkaClusterConfig {

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+");

  private RestateKafkaClusterConfig() {}

  /**
   * Returns the TOML text of the configuration.
   *
   * @param clusterName the cluster's name in subscription sources
   * @param bootstrapServers comma-separated {@code host:port} pairs, as Kafka clients take them
   * @throws IllegalArgumentException when the name or an address has characters that do not belong
   *     there
   */
  public static String toml(String clusterName, String bootstrapServers) {
    if (clusterName == null || !CLUSTER_NAME.matcher(clusterName).matches()) {
      throw new IllegalArgumentException(
          "Invalid Kafka cluster name '"
              + clusterName
              + "': use letters, digits, dots, dashes and underscores");
    }
    List<String> servers = servers(bootstrapServers);
    StringBuilder brokers = new StringBuilder();
    for (String server : servers) {
      if (!brokers.isEmpty()) {
        brokers.append(", ");
      }
      brokers.append("\"PLAINTEXT://").append(server).append('"');
    }
    return "[[ingress.kafka-clusters]]\n"
        + "name = \""
        + clusterName
        + "\"\n"
        + "brokers = ["
        + brokers
        + "]\n";
  }

  /** Writes the configuration to {@code file}, creating its folder, and returns the file. */
  public static Path write(Path file, String clusterName, String bootstrapServers) {
    String text = toml(clusterName, bootstrapServers);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Restate configuration " + file, e);
    }
  }

  /** Splits and checks comma-separated {@code host:port} pairs. */
  static List<String> servers(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are missing");
    }
    List<String> servers =
        Arrays.stream(bootstrapServers.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    for (String server : servers) {
      if (!SERVER.matcher(server).matches()) {
        throw new IllegalArgumentException(
            "Invalid Kafka bootstrap server '" + server + "': expected host:port");
      }
    }
    return servers;
  }
}
