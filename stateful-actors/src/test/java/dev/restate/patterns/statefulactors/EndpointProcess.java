package dev.restate.patterns.statefulactors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own, started through {@link EffectFileApplication}, so a test can
 * let it crash or kill it and start it again on the same endpoint port.
 */
final class EndpointProcess implements AutoCloseable {

  private final Process process;
  private final Path logFile;

  private EndpointProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts the application with its endpoint on {@code port}, talking to {@code ingressUrl}, and
   * waits until the endpoint accepts connections.
   *
   * @param name names the log file in {@code target/endpoint-processes/}
   * @param settings further properties, for example {@code demo.stateful-actors.failure-rate=1}
   */
  static EndpointProcess start(
      String name, int port, String ingressUrl, Path effectsFile, String... settings)
      throws IOException {
    Path logDir = Paths.get("target", "endpoint-processes").toAbsolutePath();
    Files.createDirectories(logDir);
    Path logFile = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-D" + EffectFileApplication.EFFECTS_FILE_PROPERTY + "=" + effectsFile);
    command.add(EffectFileApplication.class.getName());
    command.add("--restate.sdk.http.port=" + port);
    command.add("--restate.client.base-uri=" + ingressUrl);
    command.add("--restate.local.enabled=false");
    for (String setting : settings) {
      command.add("--" + setting);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    // The setting is read from the environment, so the test's own environment must not leak in.
    builder.environment().remove("CRASH_PROCESS");
    EndpointProcess started = new EndpointProcess(builder.start(), logFile);
    started.awaitListening(port, Duration.ofSeconds(60));
    return started;
  }

  /** Waits for the JVM to exit and returns its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The application did not exit within " + timeout);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM at once, as a power cut or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Returns what the application logged so far. */
  String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private void awaitListening(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The application exited with " + process.exitValue() + " at start; see " + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the application", e);
        }
      }
    }
    throw new IllegalStateException(
        "The application did not listen on port "
            + port
            + " within "
            + timeout
            + "; see "
            + logFile);
  }
}
