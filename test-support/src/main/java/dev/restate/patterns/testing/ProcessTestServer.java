package dev.restate.patterns.testing;

import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import dev.restate.patterns.support.server.RestateServerUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A restate-server child process on free loopback ports with a temporary data folder. */
final class ProcessTestServer implements RestateTestServer {

  private static final int START_ATTEMPTS = 3;

  /** Fewer partitions than the default start faster and are plenty for a test's load. */
  private static final Map<String, String> TEST_ENVIRONMENT =
      Map.of("RESTATE_DEFAULT_NUM_PARTITIONS", "4");

  private final RestateServerProcess process;
  private final Path dataDir;

  private ProcessTestServer(RestateServerProcess process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
  }

  /**
   * Starts a server with {@code binary}. A port picked as free may be taken by another process
   * before the server binds it, so a failed start is tried again on new ports.
   */
  static ProcessTestServer start(Path binary) {
    return start(binary, null, Map.of());
  }

  /**
   * Starts a server with {@code binary}, a configuration file (or null) and environment variables
   * added to those of every test server.
   */
  static ProcessTestServer start(Path binary, Path configFile, Map<String, String> environment) {
    Map<String, String> serverEnvironment = new HashMap<>(TEST_ENVIRONMENT);
    serverEnvironment.putAll(environment);
    Path dataDir = createTempDir();
    RestateServerUnavailableException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      List<Integer> ports = FreePorts.pick(3);
      RestateServerSettings settings =
          new RestateServerSettings(
              RestateServerSettings.LOOPBACK,
              ports.get(0),
              ports.get(1),
              ports.get(2),
              dataDir.resolve("attempt-" + attempt),
              logFile(),
              configFile,
              serverEnvironment);
      try {
        return new ProcessTestServer(new RestateServerProcess(binary, settings).start(), dataDir);
      } catch (RestateServerUnavailableException e) {
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  @Override
  public String ingressUrl() {
    return process.ingressUrl();
  }

  @Override
  public String adminUrl() {
    return process.adminUrl();
  }

  @Override
  public String deploymentUri(int endpointPort) {
    return "http://" + RestateServerSettings.LOOPBACK + ":" + endpointPort;
  }

  /** Stops the server and deletes its temporary data folder. */
  @Override
  public void stop() {
    process.stop();
    deleteRecursively(dataDir);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover folder in the temporary directory does no harm.
    }
  }

  /** Log files go to target/restate-server/ of the module whose tests run. */
  private static Path logFile() {
    return Paths.get(
            "target", "restate-server", "restate-server-" + ProcessHandle.current().pid() + ".log")
        .toAbsolutePath();
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("restate-test-data-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a data folder for restate-server", e);
    }
  }
}
