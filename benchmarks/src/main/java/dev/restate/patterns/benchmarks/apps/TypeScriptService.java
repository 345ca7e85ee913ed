package dev.restate.patterns.benchmarks.apps;

import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateAdminClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The TypeScript product service of the comparison, run with Node.js and the Restate TypeScript SDK
 * 1.14.5 from npm.
 *
 * <p>{@link #prepare} installs the SDK and the TypeScript compiler into a temporary folder with npm
 * and compiles the source there, so nothing of npm's lands in the repository. {@link #start} runs
 * the compiled service and registers it with the server, as {@code restate deployments register}
 * would.
 */
public final class TypeScriptService {

  public static final String SDK_PACKAGE = "@restatedev/restate-sdk@1.14.5";
  private static final List<String> BUILD_PACKAGES =
      List.of(SDK_PACKAGE, "typescript@5.9.3", "@types/node@20");
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

  private final Path source;
  private final Path workDir;

  /**
   * @param source the service's TypeScript file
   * @param workDir an empty temporary folder for npm's packages and the compiled service
   */
  public TypeScriptService(Path source, Path workDir) {
    this.source = source;
    this.workDir = workDir;
  }

  /** Installs the packages and compiles the service; takes a few seconds with a warm npm cache. */
  public void prepare() {
    try {
      Files.createDirectories(workDir);
      Files.writeString(
          workDir.resolve("package.json"),
          "{\"name\":\"restate-product-benchmark\",\"private\":true,\"type\":\"module\"}\n");
      Files.copy(
          source, workDir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not set up " + workDir, e);
    }
    List<String> install =
        new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    install.addAll(BUILD_PACKAGES);
    run(install, "npm-install.log");
    run(
        List.of(
            workDir.resolve("node_modules/.bin/tsc").toString(),
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--strict",
            "--skipLibCheck",
            "--outDir",
            "dist",
            source.getFileName().toString()),
        "tsc.log");
  }

  /** Starts the service as {@code product} and registers it with the server at {@code adminUrl}. */
  public Started start(String adminUrl, String logName) {
    return start(adminUrl, logName, "product");
  }

  /**
   * Starts the service on a free port under the wire name {@code serviceName}, so it can run beside
   * the Java module's {@code product}, and registers it with the server at {@code adminUrl}.
   */
  public Started start(String adminUrl, String logName, String serviceName) {
    int port = FreePorts.pick(1).get(0);
    String script = "dist/" + source.getFileName().toString().replace(".ts", ".js");
    AppProcess process =
        AppProcess.start(
            "TypeScript product service",
            List.of("node", script),
            workDir,
            Map.of("PORT", Integer.toString(port), "SERVICE_NAME", serviceName),
            workDir.resolve(logName + ".log"));
    try {
      Duration listening = process.awaitListening(port);
      new RestateAdminClient(adminUrl).registerDeployment("http://127.0.0.1:" + port, true);
      return new Started(process, listening, process.sinceStart());
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  private void run(List<String> command, String logName) {
    Path log = workDir.resolve(logName);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " timed out; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command.get(0) + " failed with exit code " + process.exitValue() + "; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not run " + command.get(0) + "; is Node.js with npm on the PATH?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  /**
   * A running service.
   *
   * @param process the Node.js process
   * @param startToListening from process start until its port accepted connections
   * @param startToRegistered from process start until the server had registered it
   */
  public record Started(AppProcess process, Duration startToListening, Duration startToRegistered)
      implements AutoCloseable {

    @Override
    public void close() {
      process.close();
    }
  }
}
