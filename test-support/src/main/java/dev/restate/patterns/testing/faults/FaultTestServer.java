package dev.restate.patterns.testing.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.client.Client;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import dev.restate.patterns.support.server.RestateServerUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A restate-server of one fault test, on fixed loopback ports and a data folder of its own under
 * {@code target/faults/<name>/}, so that the test can stop or kill it mid-flight and start it again
 * on the same data.
 *
 * <p>It differs from the default configuration in two settings: 4 partitions instead of 24, which
 * start faster, and a maximum retry interval of 2 s instead of 1 min, so that an invocation whose
 * application was down for a while is retried soon after the application is back.
 */
public final class FaultTestServer implements AutoCloseable {

  private static final int START_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "RESTATE_DEFAULT_NUM_PARTITIONS", "4",
          "RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL", "2s");

  private final RestateServerProcess process;
  private final Path folder;

  private FaultTestServer(RestateServerProcess process, Path folder) {
    this.process = process;
    this.folder = folder;
  }

  /** Starts a server with an empty data folder {@code target/faults/<name>/restate-data}. */
  public static FaultTestServer start(String name) {
    return start(name, null);
  }

  /**
   * Starts a server with an empty data folder and a configuration file, for example one with a
   * Kafka cluster (or null for none). A port picked as free may be taken before the server binds
   * it, so a failed start is tried again on new ports.
   */
  public static FaultTestServer start(String name, Path configFile) {
    // Only the server's own files: a Kafka broker of the same test may keep its data beside them.
    Path folder = FaultFiles.directory().resolve(FaultFiles.claim(name));
    FaultFiles.deleteRecursively(folder.resolve("restate-data"));
    try {
      Files.deleteIfExists(folder.resolve("restate-server.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the log of an earlier run in " + folder, e);
    }
    Path binary = RestateServerBinary.locate();
    RestateServerUnavailableException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      List<Integer> ports = FreePorts.pick(3);
      RestateServerSettings settings =
          new RestateServerSettings(
              RestateServerSettings.LOOPBACK,
              ports.get(0),
              ports.get(1),
              ports.get(2),
              folder.resolve("restate-data"),
              folder.resolve("restate-server.log"),
              configFile,
              ENVIRONMENT);
      RestateServerProcess process = new RestateServerProcess(binary, settings);
      try {
        return new FaultTestServer(process.start(), folder);
      } catch (RestateServerUnavailableException e) {
        lastFailure = e;
        process.kill();
        FaultFiles.deleteRecursively(settings.dataDir());
      }
    }
    throw lastFailure;
  }

  public String ingressUrl() {
    return process.ingressUrl();
  }

  public String adminUrl() {
    return process.adminUrl();
  }

  public RestateAdminClient admin() {
    return new RestateAdminClient(adminUrl());
  }

  /** Returns an ingress client; it keeps working across restarts, since the ports stay. */
  public Client client() {
    return Client.connect(ingressUrl());
  }

  /** Registers the application's endpoint; its URI stays valid across the application's starts. */
  public void register(ApplicationProcess application) {
    admin()
        .registerDeployment(
            "http://" + RestateServerSettings.LOOPBACK + ":" + application.endpointPort(), true);
  }

  /** Stops the server gracefully and starts it again on the same ports and data. */
  public void restart() {
    process.stop();
    process.start();
  }

  /** Kills the server with SIGKILL, as a crash would. {@link #start()} brings it back. */
  public void kill() {
    process.kill();
  }

  /** Starts the server again after {@link #kill()} or {@link #stop()}, on the same data. */
  public void start() {
    process.start();
  }

  public void stop() {
    process.stop();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Returns the invocations of these services from the server's invocation table, each with its
   * {@code id}, {@code target}, {@code target_service_key}, {@code target_handler_name}, {@code
   * status} and {@code retry_count}.
   */
  public List<JsonNode> invocationsOf(String... services) {
    String names =
        Arrays.stream(services)
            .map(service -> "'" + service.replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    return admin()
        .query(
            "SELECT id, target, target_service_key, target_handler_name, status, retry_count"
                + " FROM sys_invocation"
                + " WHERE target_service_name IN ("
                + names
                + ")");
  }

  /** Returns the invocations of these services that have not completed, for example retrying. */
  public List<JsonNode> unfinishedInvocationsOf(String... services) {
    return invocationsOf(services).stream()
        .filter(row -> !row.path("status").asText().equals("completed"))
        .toList();
  }

  /**
   * Returns the state of a virtual object or workflow, as {@code restate kv get} shows it: each
   * state key with its JSON value.
   */
  public Map<String, JsonNode> state(String service, String key) {
    Map<String, JsonNode> state = new LinkedHashMap<>();
    for (JsonNode row :
        admin()
            .query(
                "SELECT key, value_utf8 FROM state WHERE service_name = '"
                    + service.replace("'", "''")
                    + "' AND service_key = '"
                    + key.replace("'", "''")
                    + "'")) {
      String value = row.path("value_utf8").asText();
      try {
        state.put(row.path("key").asText(), JSON.readTree(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "State "
                + row.path("key").asText()
                + " of "
                + service
                + "/"
                + key
                + " is not JSON: "
                + value,
            e);
      }
    }
    return state;
  }

  /** Returns whether the journal of an invocation has an entry of this type. */
  public boolean journalHasEntry(String invocationId, String entryType) {
    return !admin()
        .query(
            "SELECT index FROM sys_journal WHERE id = '"
                + invocationId.replace("'", "''")
                + "' AND entry_type = '"
                + entryType.replace("'", "''")
                + "'")
        .isEmpty();
  }

  /** Stops the server and deletes its data; its log stays in {@code target/faults/<name>/}. */
  @Override
  public void close() {
    process.stop();
    FaultFiles.deleteRecursively(folder.resolve("restate-data"));
  }
}
