package dev.restate.patterns.support.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a restate-server listens and keeps its data.
 *
 * @param bindHost the address all three ports bind to; loopback unless there is a reason
 * @param adminPort the admin API and the UI (9070 by default)
 * @param ingressPort the HTTP ingress that clients call (8080 by default)
 * @param nodePort node-to-node communication (5122 by default)
 * @param dataDir the server's base folder: journals, state and metadata live here, so a server
 *     started again on the same folder resumes the invocations it had
 * @param logFile where the server's standard output and error go
 * @param configFile a TOML file passed with {@code --config-file}, or null
 * @param environment further {@code RESTATE_...} variables, for example a partition count
 */
public record RestateServerSettings(
    String bindHost,
    int adminPort,
    int ingressPort,
    int nodePort,
    Path dataDir,
    Path logFile,
    Path configFile,
    Map<String, String> environment) {

  public static final String LOOPBACK = "127.0.0.1";

  public RestateServerSettings {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  public String adminUrl() {
    return "http://" + bindHost + ":" + adminPort;
  }

  public String ingressUrl() {
    return "http://" + bindHost + ":" + ingressPort;
  }

  /** Returns a copy with a config file. */
  public RestateServerSettings withConfigFile(Path file) {
    return new RestateServerSettings(
        bindHost, adminPort, ingressPort, nodePort, dataDir, logFile, file, environment);
  }
}
