package dev.restate.patterns.benchmarks.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Spring Boot application of this repository, started from its executable jar as a separate JVM,
 * pointed at the benchmark's restate-server and registered by its own local-run support.
 *
 * <p>For launches with class-data sharing it follows Spring Boot's recipe: extract the jar ({@code
 * java -Djarmode=tools -jar app.jar extract}), run the extracted jar once with {@code
 * -XX:ArchiveClassesAtExit} so the JVM writes the classes it loaded into an archive when it exits,
 * then start it with {@code -XX:SharedArchiveFile}.
 */
public final class JavaApp {

  /** The line that {@code LocalRestateRunner} of the support module logs after registering. */
  public static final String REGISTERED_LINE = "Registered deployment";

  private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final Path jar;
  private final Path optionsFile;
  private final Path workDir;
  private final Path extractedJar;
  private final Path archive;

  /**
   * @param name the application's name in reports
   * @param jar its executable jar
   * @param optionsFile the {@code jvm.options} file that its run configuration passes to java
   * @param workDir a folder for the extracted jar, the CDS archive and the logs
   */
  public JavaApp(String name, Path jar, Path optionsFile, Path workDir) {
    this.name = name;
    this.jar = jar;
    this.optionsFile = optionsFile;
    this.workDir = workDir;
    this.extractedJar = workDir.resolve("extracted").resolve(jar.getFileName());
    this.archive = workDir.resolve("application.jsa");
  }

  public String name() {
    return name;
  }

  /** The JVM options the module ships, as read from its options file. */
  public List<String> shippedOptions() {
    try {
      return Files.readAllLines(optionsFile).stream()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + optionsFile, e);
    }
  }

  /**
   * Extracts the jar and writes the CDS archive with a training run: the application starts,
   * registers, gets the requests of {@code training}, and writes the archive when it stops.
   */
  public void prepareClassDataSharing(AppTarget target, Consumer<AppTarget.Endpoints> training) {
    deleteRecursively(workDir.resolve("extracted"));
    run(
        List.of(
            java(),
            "-Djarmode=tools",
            "-jar",
            jar.toString(),
            "extract",
            "--destination",
            workDir.resolve("extracted").toString()));
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the old archive " + archive, e);
    }
    AppTarget.Endpoints endpoints = target.newEndpoints();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("@" + optionsFile);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.add("-jar");
    command.add(extractedJar.toString());
    command.addAll(target.applicationArguments(endpoints));
    try (AppProcess trainingRun =
        AppProcess.start(
            name + " (CDS training)",
            command,
            workDir,
            Map.of(),
            workDir.resolve("cds-training.log"))) {
      trainingRun.awaitLogLine(REGISTERED_LINE);
      training.accept(endpoints);
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "The training run of "
              + name
              + " wrote no CDS archive at "
              + archive
              + "; see "
              + workDir.resolve("cds-training.log"));
    }
  }

  /** Starts the application with {@code launch} against {@code target}. */
  public RunningApp start(JavaLaunch launch, AppTarget target, String logName) {
    AppTarget.Endpoints endpoints = target.newEndpoints();
    List<String> command = new ArrayList<>();
    command.add(java());
    if (launch.useOptionsFile()) {
      command.add("@" + optionsFile);
    }
    if (launch.classDataSharing()) {
      if (!Files.isRegularFile(archive)) {
        throw new IllegalStateException(
            "No CDS archive for " + name + ": call prepareClassDataSharing first");
      }
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-jar");
      command.add(extractedJar.toString());
    } else {
      command.add("-jar");
      command.add(jar.toString());
    }
    command.addAll(target.applicationArguments(endpoints));
    command.addAll(launch.extraArguments());
    AppProcess process =
        AppProcess.start(name, command, workDir, Map.of(), workDir.resolve(logName + ".log"));
    return new RunningApp(process, endpoints);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void run(List<String> command) {
    try {
      Files.createDirectories(workDir);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("extract.log").toFile())
              .start();
      if (!process.waitFor(EXTRACT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Extracting " + jar + " failed; see " + workDir.resolve("extract.log"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while extracting " + jar, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir, e);
    }
  }

  /** A started application and the ports it listens on. */
  public record RunningApp(AppProcess process, AppTarget.Endpoints endpoints)
      implements AutoCloseable {

    @Override
    public void close() {
      process.close();
    }
  }
}
