package dev.restate.patterns.testing.faults;

import dev.restate.patterns.support.server.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft mode, running as a child JVM on fixed loopback ports with its
 * log folder under {@code target/faults/<name>/kafka/}, so that a fault test can kill it and start
 * it again with its topics, records and committed offsets.
 *
 * <p>It runs {@code kafka.Kafka} and {@code kafka.tools.StorageTool} from the test's classpath, so
 * the module's tests need the Kafka server classes, for example through {@code spring-kafka-test}.
 * The in-process broker of {@link dev.restate.patterns.testing.SharedKafkaBroker} keeps its topics
 * in a temporary folder that a restart loses, which is why fault tests use this one.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

  private final String name;
  private final int brokerPort;
  private final Path configFile;
  private final Path logFile;
  private Process process;

  private KafkaBrokerProcess(String name, int brokerPort, Path configFile, Path logFile) {
    this.name = name;
    this.brokerPort = brokerPort;
    this.configFile = configFile;
    this.logFile = logFile;
  }

  /**
   * Formats an empty log folder {@code target/faults/<name>/kafka/} and starts the broker on it.
   *
   * @throws IllegalStateException when formatting fails or the broker does not listen in time
   */
  public static KafkaBrokerProcess start(String name) {
    Path folder = FaultFiles.directory().resolve(FaultFiles.claim(name)).resolve("kafka");
    FaultFiles.deleteRecursively(folder);
    List<Integer> ports = FreePorts.pick(2);
    int brokerPort = ports.get(0);
    int controllerPort = ports.get(1);
    Path configFile = folder.resolve("server.properties");
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:"
                + brokerPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + folder.resolve("logs"),
            "num.partitions=1",
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "");
    try {
      Files.createDirectories(folder);
      Files.writeString(configFile, config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + configFile, e);
    }
    Path logFile = folder.resolve("broker.log");
    format(configFile, logFile);
    KafkaBrokerProcess broker = new KafkaBrokerProcess(name, brokerPort, configFile, logFile);
    broker.start();
    return broker;
  }

  /** Returns the broker's address for clients and for Restate, {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the broker on its log folder and waits until it listens. */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " broker is running already");
    }
    ChildProcesses.appendToLog(logFile, "==== start of the Kafka broker\n");
    process = launch("kafka.Kafka", List.of(configFile.toString()), logFile);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ChildProcesses.accepts(brokerPort)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The Kafka broker exited with " + process.exitValue() + " at start; see " + logFile);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "The Kafka broker did not listen on port " + brokerPort + "; see " + logFile);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  /** Kills the broker with SIGKILL, as a crash would, and waits until it is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    ChildProcesses.appendToLog(
        logFile, "==== SIGKILL to the Kafka broker (pid " + process.pid() + ")\n");
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while killing the Kafka broker", e);
    }
  }

  /** Stops the broker with SIGTERM; SIGKILL if it takes long. */
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

  /** Writes the cluster id and metadata into the empty log folder, as {@code kafka-storage}. */
  private static void format(Path configFile, Path logFile) {
    Process formatting =
        launch(
            "kafka.tools.StorageTool",
            List.of("format", "-t", randomClusterId(), "-c", configFile.toString()),
            logFile);
    try {
      if (!formatting.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        formatting.destroyForcibly();
        throw new IllegalStateException(
            "Formatting the Kafka log folder timed out; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting the Kafka log folder", e);
    }
    if (formatting.exitValue() != 0) {
      throw new IllegalStateException(
          "Formatting the Kafka log folder failed with "
              + formatting.exitValue()
              + "; see "
              + logFile);
    }
  }

  private static Process launch(String mainClass, List<String> arguments, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(TestClasspath.of(false));
    command.add(mainClass);
    command.addAll(arguments);
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + mainClass, e);
    }
  }

  /** Returns a Kafka cluster id: 16 random bytes in URL-safe Base64 without padding. */
  private static String randomClusterId() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the Kafka broker", e);
    }
  }
}
