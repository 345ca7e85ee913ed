package dev.restate.patterns.benchmarks.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the memory figures of a process from Linux's {@code /proc}. */
public final class ProcessMemory {

  private ProcessMemory() {}

  /**
   * Returns the resident set size ({@code VmRSS}) of process {@code pid} in KiB: the memory the
   * process occupies in RAM, including shared libraries and mapped files it touched.
   *
   * @throws IllegalStateException when {@code /proc} has no such process or no VmRSS line, for
   *     example on an operating system other than Linux
   */
  public static long residentKiB(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read " + status + "; resident memory is only measured on Linux", e);
    }
    throw new IllegalStateException(status + " has no VmRSS line");
  }
}
