package dev.restate.patterns.durablepromises.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link AwaitOrResolveExample} running in a JVM of its own, with this JVM's class path. */
public final class AwaitOrResolveExampleProcess implements AutoCloseable {

  private final Process process;
  private final Path outputFile;

  private AwaitOrResolveExampleProcess(Process process, Path outputFile) {
    this.process = process;
    this.outputFile = outputFile;
  }

  /** Starts the example with the given promise id, ingress URL and role. */
  public static AwaitOrResolveExampleProcess start(String promiseId, String restateUri, String role)
      throws IOException {
    Path outputFile = Files.createTempFile("await-or-resolve-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AwaitOrResolveExample.class.getName(),
                promiseId,
                restateUri,
                role)
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile())
            .start();
    return new AwaitOrResolveExampleProcess(process, outputFile);
  }

  /** Waits for the process to exit and returns its exit status; stops it after the timeout. */
  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "AwaitOrResolveExample did not exit within " + timeout + ". Output:\n" + output());
    }
    return process.exitValue();
  }

  /** Stops the process if it still runs. */
  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** Returns what the process printed so far, standard error included. */
  public String output() {
    try {
      return Files.readString(outputFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
