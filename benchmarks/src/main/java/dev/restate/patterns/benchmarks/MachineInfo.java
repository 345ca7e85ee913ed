package dev.restate.patterns.benchmarks;

import dev.restate.patterns.benchmarks.report.BenchmarkReport;
import dev.restate.patterns.support.server.RestateServerBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads what a report says about the machine, mostly from Linux's {@code /proc}. */
final class MachineInfo {

  private MachineInfo() {}

  static BenchmarkReport.Machine describe() {
    return new BenchmarkReport.Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memoryMiB(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        nodeVersion(),
        RestateServerBinary.VERSION,
        loadAverage());
  }

  /** The one-minute load average, or -1 where {@code /proc/loadavg} does not exist. */
  static double loadAverage() {
    try {
      String line = Files.readString(Path.of("/proc/loadavg"));
      return Double.parseDouble(line.substring(0, line.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall back to the architecture.
    }
    return System.getProperty("os.arch");
  }

  private static long memoryMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // Not Linux.
    }
    return -1;
  }

  private static String nodeVersion() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0) {
        return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      node.destroyForcibly();
    } catch (IOException e) {
      // No Node.js on the PATH.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
