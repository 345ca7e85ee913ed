package dev.restate.patterns.support.server;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a {@code restate-server} executable, in this order: the {@code RESTATE_SERVER_BIN}
 * environment variable, {@code restate-server} on the {@code PATH}, then a copy that this class
 * installs once with npm into a cache folder ({@code ~/.cache/restate-patterns}, or the folder
 * named by {@code RESTATE_PATTERNS_CACHE}).
 */
public final class RestateServerBinary {

  /** The Restate server release that tests and local runs use. */
  public static final String VERSION = "1.7.12";

  public static final String BIN_VARIABLE = "RESTATE_SERVER_BIN";
  public static final String CACHE_VARIABLE = "RESTATE_PATTERNS_CACHE";

  private static final Logger log = LoggerFactory.getLogger(RestateServerBinary.class);
  private static final String NPM_PACKAGE = "@restatedev/restate-server@" + VERSION;
  private static final long NPM_TIMEOUT_MINUTES = 5;

  private RestateServerBinary() {}

  /**
   * Returns the path of a restate-server executable, installing one with npm when needed.
   *
   * @throws RestateServerUnavailableException when no executable is found and npm cannot install
   *     one; its message names what to install
   */
  public static Path locate() {
    return locate(System.getenv());
  }

  /** Same as {@link #locate()}, reading the variables from {@code environment}. */
  static Path locate(Map<String, String> environment) {
    return find(environment)
        .orElseThrow(
            () ->
                new RestateServerUnavailableException(
                    "No restate-server executable found. Do one of: install Node.js with npm (the"
                        + " executable is then installed once into "
                        + cacheDir(environment)
                        + "), set "
                        + BIN_VARIABLE
                        + " to a restate-server "
                        + VERSION
                        + " executable, or put restate-server on the PATH."));
  }

  /** Finds an executable like {@link #locate()}, or returns empty when none can be had. */
  public static Optional<Path> find() {
    return find(System.getenv());
  }

  static Optional<Path> find(Map<String, String> environment) {
    String fromVariable = environment.get(BIN_VARIABLE);
    if (fromVariable != null && !fromVariable.isBlank()) {
      Path path = Paths.get(fromVariable);
      if (!Files.isExecutable(path)) {
        throw new RestateServerUnavailableException(
            BIN_VARIABLE + " is set to " + path + ", which is not an executable file");
      }
      return Optional.of(path);
    }
    String path = environment.get("PATH");
    Optional<Path> onPath = findOnPath(path, "restate-server");
    if (onPath.isPresent()) {
      return onPath;
    }
    Path installDir = installDir(environment);
    Optional<Path> cached = findInstalled(installDir);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<Path> npm = findOnPath(path, "npm");
    if (npm.isEmpty()) {
      return Optional.empty();
    }
    return installWithNpm(npm.get(), cacheDir(environment), installDir);
  }

  /** Returns the cache folder that contains the npm installs. */
  public static Path cacheDir() {
    return cacheDir(System.getenv());
  }

  private static Path cacheDir(Map<String, String> environment) {
    String fromVariable = environment.get(CACHE_VARIABLE);
    if (fromVariable != null && !fromVariable.isBlank()) {
      return Paths.get(fromVariable);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "restate-patterns");
  }

  private static Path installDir(Map<String, String> environment) {
    return cacheDir(environment).resolve("restate-server-" + VERSION);
  }

  private static Optional<Path> findOnPath(String path, String command) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Paths.get(dir, command);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds the executable in the platform package, such as restate-server-linux-x64, of an npm
   * install.
   */
  private static Optional<Path> findInstalled(Path dir) {
    Path scope = dir.resolve("node_modules").resolve("@restatedev");
    if (!Files.isDirectory(scope)) {
      return Optional.empty();
    }
    try (Stream<Path> packages = Files.list(scope)) {
      return packages
          .filter(p -> p.getFileName().toString().startsWith("restate-server-"))
          .map(p -> p.resolve("bin").resolve("restate-server"))
          .filter(Files::isExecutable)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Installs the npm package into the cache. A file lock keeps test JVMs that start at the same
   * time from installing twice, and the install goes to a temporary folder that is renamed when
   * complete, so a failed install leaves nothing half-written behind.
   */
  private static synchronized Optional<Path> installWithNpm(
      Path npmCommand, Path cache, Path target) {
    try {
      Files.createDirectories(cache);
      try (RandomAccessFile lockFile =
              new RandomAccessFile(cache.resolve(".install.lock").toFile(), "rw");
          FileChannel channel = lockFile.getChannel();
          FileLock ignored = channel.lock()) {
        Optional<Path> installedMeanwhile = findInstalled(target);
        if (installedMeanwhile.isPresent()) {
          return installedMeanwhile;
        }
        Path staging = Files.createTempDirectory(cache, "install-");
        log.info("Installing {} with npm into {}", NPM_PACKAGE, target);
        Path npmLog = cache.resolve("npm-install.log");
        Process npm =
            new ProcessBuilder(
                    List.of(
                        npmCommand.toString(),
                        "install",
                        "--prefix",
                        staging.toString(),
                        "--no-audit",
                        "--no-fund",
                        "--no-save",
                        "--loglevel=error",
                        NPM_PACKAGE))
                .redirectErrorStream(true)
                .redirectOutput(npmLog.toFile())
                .start();
        boolean finished = npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished || npm.exitValue() != 0) {
          npm.destroyForcibly();
          deleteRecursively(staging);
          throw new RestateServerUnavailableException(
              "npm could not install "
                  + NPM_PACKAGE
                  + (finished ? " (exit code " + npm.exitValue() + ")" : " (timed out)")
                  + "; its output is in "
                  + npmLog
                  + ". Set "
                  + BIN_VARIABLE
                  + " to a restate-server executable instead.");
        }
        deleteRecursively(target);
        Files.move(staging, target);
        return findInstalled(target);
      }
    } catch (IOException e) {
      throw new RestateServerUnavailableException(
          "Could not install " + NPM_PACKAGE + " into " + target + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestateServerUnavailableException("Interrupted while installing " + NPM_PACKAGE, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
