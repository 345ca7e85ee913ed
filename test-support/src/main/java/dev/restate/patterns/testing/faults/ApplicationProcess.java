package dev.restate.patterns.testing.faults;

import dev.restate.patterns.support.server.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A module's Spring Boot application running in a JVM of its own, started from the test's
 * classpath, so that a test can kill it with SIGKILL and start it again.
 *
 * <p>The Restate endpoint keeps its port across starts, so the deployment URI registered with the
 * Restate server stays valid. The application gets its settings as command-line arguments, which
 * win over its {@code application.properties}; local-run support is off, so it neither starts a
 * server nor registers itself. With {@link Builder#effects(EffectFile)} it appends its side effects
 * to that file through {@link EffectFileAutoConfiguration}. Its output of all starts goes to {@code
 * target/faults/<name>.log}, which {@link Builder#build()} empties.
 */
public final class ApplicationProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** JVM options that shorten the start and cap the memory of a short-lived test application. */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Xss512k");

  private final String name;
  private final String mainClass;
  private final int endpointPort;
  private final int webPort;
  private final List<Integer> awaitedPorts;
  private final List<String> arguments;
  private final String classpath;
  private final Path logFile;
  private int starts;
  private Process process;

  private ApplicationProcess(Builder builder) {
    this.name = builder.name;
    this.mainClass = builder.mainClass.getName();
    this.endpointPort = builder.endpointPort;
    this.webPort = builder.webPort;
    this.awaitedPorts = List.copyOf(builder.awaitedPorts);
    this.arguments = List.copyOf(builder.arguments);
    this.classpath = TestClasspath.of(builder.withTestClasses);
    this.logFile = FaultFiles.directory().resolve(FaultFiles.claim(name) + ".log");
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the log of an earlier run " + logFile, e);
    }
  }

  /**
   * Returns a builder for the application whose {@code main} method is in {@code mainClass}.
   *
   * @param name names the log file, for example {@code messaging-kill}
   */
  public static Builder builder(String name, Class<?> mainClass) {
    return new Builder(name, mainClass);
  }

  /** Returns the port of the Restate endpoint, the same in every start. */
  public int endpointPort() {
    return endpointPort;
  }

  /**
   * Returns the web server's port, the same in every start, or -1 without {@link
   * Builder#withWebPort}.
   */
  public int webPort() {
    return webPort;
  }

  /** Returns the file that receives the output of every start. */
  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Starts the application and waits until its endpoint and the other awaited ports accept
   * connections.
   *
   * @param extraArguments settings for this start only, as {@code property=value}
   * @throws IllegalStateException when it is running already, exits during the start, or does not
   *     listen within two minutes
   */
  public synchronized ApplicationProcess start(String... extraArguments) {
    if (isAlive()) {
      throw new IllegalStateException(name + " is running already (pid " + process.pid() + ")");
    }
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(arguments);
    Arrays.stream(extraArguments).map(setting -> "--" + setting).forEach(command::add);
    starts++;
    ChildProcesses.appendToLog(
        logFile,
        "==== start "
            + starts
            + " of "
            + name
            + ", extra arguments "
            + Arrays.toString(extraArguments)
            + "\n");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
    awaitListening();
    return this;
  }

  /**
   * Kills the JVM with SIGKILL, as a crash or {@code kill -9} would, and waits until it is gone.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    ChildProcesses.appendToLog(
        logFile, "==== SIGKILL to " + name + " (pid " + process.pid() + ")\n");
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while killing " + name, e);
    }
  }

  /** Stops the JVM with SIGTERM, so Spring shuts down gracefully; SIGKILL if that takes long. */
  public synchronized void stop() {
    if (!isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitListening() {
    List<Integer> ports = new ArrayList<>();
    ports.add(endpointPort);
    ports.addAll(awaitedPorts);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (int port : ports) {
      while (!ChildProcesses.accepts(port)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " exited with " + process.exitValue() + " at start; see " + logFile);
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              name
                  + " did not listen on port "
                  + port
                  + " within "
                  + START_TIMEOUT.toSeconds()
                  + " s; see "
                  + logFile);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while starting " + name, e);
        }
      }
    }
  }

  /** Settings of an {@link ApplicationProcess}. */
  public static final class Builder {

    private final String name;
    private final Class<?> mainClass;
    private final int endpointPort;
    private int webPort = -1;
    private final List<Integer> awaitedPorts = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private boolean withTestClasses;

    private Builder(String name, Class<?> mainClass) {
      this.name = name;
      this.mainClass = mainClass;
      this.endpointPort = FreePorts.pick(1).get(0);
      arguments.add("--restate.sdk.http.port=" + endpointPort);
      arguments.add("--restate.local.enabled=false");
      arguments.add("--spring.main.banner-mode=off");
    }

    /** Points the application's Restate client at this ingress. */
    public Builder ingress(String ingressUrl) {
      return setting("restate.client.base-uri=" + ingressUrl);
    }

    /** Appends the application's side effects to this file. */
    public Builder effects(EffectFile file) {
      return setting(EffectFileAutoConfiguration.FILE_PROPERTY + "=" + file.path());
    }

    /**
     * Records the successful calls of these methods as effects, each as {@code
     * fully.qualified.ClassName#methodName}.
     */
    public Builder recordCalls(String... methods) {
      return setting(
          EffectFileAutoConfiguration.RECORDED_CALLS_PROPERTY + "=" + String.join(",", methods));
    }

    /**
     * Gives the application's web server a fixed free port, the same in every start, and waits for
     * it at start; {@link ApplicationProcess#webPort()} returns it.
     */
    public Builder withWebPort() {
      webPort = FreePorts.pick(1).get(0);
      awaitedPorts.add(webPort);
      return setting("server.port=" + webPort);
    }

    /**
     * Lets common's simulated airline, car rental and payment provider start with the bookings and
     * charges of earlier runs, which the effect file records, as real downstream systems keep them
     * across a restart of their caller.
     */
    public Builder restoreClientState() {
      return setting(EffectFileAutoConfiguration.RESTORE_CLIENT_STATE_PROPERTY + "=true");
    }

    /** Adds a setting for every start, as {@code property=value}. */
    public Builder setting(String setting) {
      arguments.add("--" + setting);
      return this;
    }

    /** Keeps the module's test classes on the application's classpath. */
    public Builder withTestClasses() {
      this.withTestClasses = true;
      return this;
    }

    public ApplicationProcess build() {
      return new ApplicationProcess(this);
    }
  }
}
