package dev.restate.patterns.benchmarks.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An application under measurement, running as a child process whose output goes to a log file.
 *
 * <p>Times are taken from just before the process starts, as a user would see them: until its
 * endpoint port accepts connections, and until its log (or the caller) reports the deployment as
 * registered with Restate. Resident memory is read from {@code /proc/<pid>/status}, so it is only
 * available on Linux.
 */
public final class AppProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final long POLL_MILLIS = 5;

  private final String name;
  private final Process process;
  private final Path logFile;
  private final long startNanos;

  private AppProcess(String name, Process process, Path logFile, long startNanos) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.startNanos = startNanos;
  }

  /** Starts {@code command} in {@code workingDir} with extra environment variables. */
  public static AppProcess start(
      String name,
      List<String> command,
      Path workingDir,
      Map<String, String> environment,
      Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      Files.deleteIfExists(logFile);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workingDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      builder.environment().putAll(environment);
      long startNanos = System.nanoTime();
      return new AppProcess(name, builder.start(), logFile, startNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name + ": " + command, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** Waits until {@code port} on loopback accepts connections; returns the time since start. */
  public Duration awaitListening(int port) {
    awaitCondition("listen on port " + port, () -> accepts(port));
    return sinceStart();
  }

  /** Waits until the log contains {@code text}; returns the time since start. */
  public Duration awaitLogLine(String text) {
    awaitCondition("log \"" + text + "\"", () -> logContains(text));
    return sinceStart();
  }

  /** Returns the time since just before the process started. */
  public Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Returns the resident set size of the process in MiB. */
  public double residentMiB() {
    return ProcessMemory.residentKiB(process.pid()) / 1024.0;
  }

  /** Stops the process with SIGTERM, or SIGKILL when it has not exited after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
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

  private void awaitCondition(String goal, BooleanSupplier condition) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before it did "
                + goal
                + "; see "
                + logFile);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + " did not "
                + goal
                + " within "
                + START_TIMEOUT.toSeconds()
                + " s; see "
                + logFile);
      }
      sleep(POLL_MILLIS);
    }
  }

  private boolean logContains(String text) {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for an application", e);
    }
  }
}
