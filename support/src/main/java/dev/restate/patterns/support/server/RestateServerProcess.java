package dev.restate.patterns.support.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restate-server running as a child process of this JVM.
 *
 * <p>The server listens on the ports of its {@link RestateServerSettings} and keeps its data in
 * their data folder. {@link #stop()} ends it gracefully, {@link #kill()} with SIGKILL, and {@link
 * #start()} brings it up again on the same folder, so tests can stop the server mid-flight and
 * check that it resumes what it had accepted.
 */
public final class RestateServerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestateServerProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_LINES_IN_ERRORS = 30;

  private final Path binary;
  private final RestateServerSettings settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile Process process;

  public RestateServerProcess(Path binary, RestateServerSettings settings) {
    this.binary = binary;
    this.settings = settings;
  }

  public RestateServerSettings settings() {
    return settings;
  }

  public String adminUrl() {
    return settings.adminUrl();
  }

  public String ingressUrl() {
    return settings.ingressUrl();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the server and waits until its admin API and ingress respond.
   *
   * @throws RestateServerUnavailableException when the process exits or does not respond within a
   *     minute; the message includes the end of the server's log
   */
  public synchronized RestateServerProcess start() {
    if (isAlive()) {
      return this;
    }
    try {
      Files.createDirectories(settings.dataDir());
      Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.add("--base-dir");
      command.add(settings.dataDir().toString());
      command.add("--no-logo");
      if (settings.configFile() != null) {
        command.add("--config-file");
        command.add(settings.configFile().toString());
      }
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
      builder.environment().putAll(environment());
      process = builder.start();
    } catch (IOException e) {
      throw new RestateServerUnavailableException(
          "Could not start " + binary + ": " + e.getMessage(), e);
    }
    awaitReady();
    log.debug("restate-server (pid {}) responds at {}", process.pid(), adminUrl());
    return this;
  }

  /** Stops the server with SIGTERM and waits for it to exit; SIGKILL if it does not. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Ends the server with SIGKILL, as a crash would, and waits for it to exit. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("RESTATE_ADMIN__BIND_ADDRESS", settings.bindHost() + ":" + settings.adminPort());
    env.put("RESTATE_INGRESS__BIND_ADDRESS", settings.bindHost() + ":" + settings.ingressPort());
    env.put("RESTATE_BIND_ADDRESS", settings.bindHost() + ":" + settings.nodePort());
    env.put(
        "RESTATE_ADVERTISED_ADDRESS", "http://" + settings.bindHost() + ":" + settings.nodePort());
    // TCP only: the Unix sockets would otherwise be created in the data folder.
    env.put("RESTATE_LISTEN_MODE", "tcp");
    env.putAll(settings.environment());
    return env;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new RestateServerUnavailableException(
            "restate-server exited with code "
                + process.exitValue()
                + " at start. End of its log "
                + settings.logFile()
                + ":\n"
                + tailOfLog());
      }
      if (respondsOk(adminUrl() + "/health") && respondsOk(ingressUrl() + "/restate/health")) {
        return;
      }
      sleep(Duration.ofMillis(100));
    }
    process.destroyForcibly();
    throw new RestateServerUnavailableException(
        "restate-server did not respond at "
            + adminUrl()
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s. End of its log "
            + settings.logFile()
            + ":\n"
            + tailOfLog());
  }

  private boolean respondsOk(String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestateServerUnavailableException("Interrupted while starting restate-server", e);
    }
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(settings.logFile(), StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
    } catch (IOException e) {
      return "(log not readable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestateServerUnavailableException("Interrupted while starting restate-server", e);
    }
  }
}
