package dev.restate.patterns.support.local;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local-run support, under {@code restate.local}.
 *
 * @param enabled turns the whole local-run support on or off
 * @param adminUrl the admin API of the Restate server to use or start
 * @param startServer start a restate-server when none responds at {@code adminUrl}
 * @param register register this application's Restate endpoint with the server at start-up
 * @param force register with {@code force}, replacing an earlier deployment of the same services;
 *     right for local development, wrong for production
 * @param endpointHost the host name under which the server reaches this application's endpoint
 * @param nodePort the node-to-node port of a server started here
 * @param dataDir the data folder of a server started here; it outlives restarts of the application,
 *     so invocations in flight when the application crashed resume when it is back
 * @param configFile a TOML configuration file for a server started here, or empty
 */
@ConfigurationProperties(prefix = "restate.local")
public record LocalRestateProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://localhost:9070") String adminUrl,
    @DefaultValue("true") boolean startServer,
    @DefaultValue("true") boolean register,
    @DefaultValue("true") boolean force,
    @DefaultValue("localhost") String endpointHost,
    @DefaultValue("5122") int nodePort,
    Path dataDir,
    Path configFile) {

  /** Returns the data folder, by default {@code ~/.restate-patterns/restate-data}. */
  public Path effectiveDataDir() {
    return dataDir != null ? dataDir : defaultHome().resolve("restate-data");
  }

  /** Returns the log file of a server started here, next to its data folder. */
  public Path serverLogFile() {
    return effectiveDataDir().toAbsolutePath().getParent().resolve("restate-server.log");
  }

  private static Path defaultHome() {
    return Paths.get(System.getProperty("user.home"), ".restate-patterns");
  }
}
