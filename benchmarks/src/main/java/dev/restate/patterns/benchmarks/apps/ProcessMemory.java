package dev.restate.patterns.benchmarks.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the memory and CPU figures of a process from Linux's {@code /proc}. */
public final class ProcessMemory {

  /** Linux counts CPU time in clock ticks of 1/100 s on every common configuration. */
  private static final long MILLIS_PER_TICK = 10;

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

  /**
   * Returns the CPU time that process {@code pid} has used so far, user and system, in
   * milliseconds, or -1 when {@code /proc} cannot tell (another operating system, or the process
   * has exited).
   */
  public static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in brackets may contain spaces; the fields after it are plain numbers.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long userTicks = Long.parseLong(fields[11]);
      long systemTicks = Long.parseLong(fields[12]);
      return (userTicks + systemTicks) * MILLIS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
