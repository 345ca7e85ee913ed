package dev.restate.patterns.testing;

import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerUnavailableException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one restate-server of a test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>It uses a restate-server executable found by {@link RestateServerBinary} and, only when none
 * can be had, a Docker container where a Docker engine responds.
 *
 * <p>Before its first use, a test JVM can give the server a configuration file ({@link
 * #useConfigFile}) and further {@code RESTATE_...} environment variables ({@link #putEnvironment}),
 * for example a Kafka cluster for subscriptions.
 */
public final class SharedRestateServer {

  private static RestateTestServer server;
  private static Path configFile;
  private static final Map<String, String> environment = new LinkedHashMap<>();

  private SharedRestateServer() {}

  /**
   * Sets the TOML file that the server is started with ({@code --config-file}). Call it before the
   * server's first use; a later call with the same file has no effect.
   *
   * @throws IllegalStateException when another file was set, or the server runs already with
   *     another configuration
   */
  public static synchronized void useConfigFile(Path file) {
    Path normalized = file.toAbsolutePath().normalize();
    if (Objects.equals(configFile, normalized)) {
      return;
    }
    if (server != null) {
      throw new IllegalStateException(
          "The shared restate-server of this JVM runs already "
              + (configFile == null ? "without a configuration file" : "with " + configFile)
              + ", so it cannot use "
              + normalized
              + ". Give every test class of a module the same server configuration.");
    }
    if (configFile != null) {
      throw new IllegalStateException(
          "The shared restate-server of this JVM is set to start with "
              + configFile
              + ", so it cannot use "
              + normalized
              + ". Give every test class of a module the same server configuration.");
    }
    configFile = normalized;
  }

  /**
   * Adds environment variables such as {@code RESTATE_DEFAULT_NUM_PARTITIONS} to the server's
   * start. Call it before the server's first use; a later call with the same values has no effect.
   *
   * @throws IllegalStateException when the server runs already without these values
   */
  public static synchronized void putEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(variables);
    if (merged.equals(environment)) {
      return;
    }
    if (server != null) {
      throw new IllegalStateException(
          "The shared restate-server of this JVM runs already, so it cannot take the environment "
              + variables
              + ". Set it before the first test class that uses the server.");
    }
    environment.putAll(variables);
  }

  /** Returns the JVM's server, starting it on first use. */
  public static synchronized RestateTestServer get() {
    if (server == null) {
      server = start();
      RestateTestServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "restate-server-stop"));
    }
    return server;
  }

  private static RestateTestServer start() {
    Optional<Path> binary;
    try {
      binary = RestateServerBinary.find();
    } catch (RestateServerUnavailableException e) {
      binary = Optional.empty();
      if (!ContainerTestServer.dockerAvailable()) {
        throw e;
      }
    }
    if (binary.isPresent()) {
      return ProcessTestServer.start(binary.get(), configFile, environment);
    }
    if (ContainerTestServer.dockerAvailable()) {
      if (configFile != null || !environment.isEmpty()) {
        throw new IllegalStateException(
            "No restate-server executable was found, and the Docker-based test server takes no"
                + " configuration file or environment. Install restate-server (see "
                + RestateServerBinary.BIN_VARIABLE
                + ") to run these tests.");
      }
      return ContainerTestServer.start();
    }
    // locate() throws with the message that names what to install.
    RestateServerBinary.locate();
    throw new IllegalStateException("unreachable");
  }
}
