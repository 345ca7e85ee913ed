package dev.restate.patterns.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a benchmark run, from {@code --name=value} arguments.
 *
 * @param root the repository's root folder
 * @param outputDir where the JSON, Markdown and SVG files go
 * @param clients concurrent clients of each load run
 * @param measured the measured length of each load run
 * @param warmup the discarded warm-up before each load run
 * @param startups how many starts each start-up figure is the median of
 * @param rounds how many alternating rounds the compared applications' load runs are split into
 * @param typescript whether to run the TypeScript comparison (needs Node.js with npm)
 */
record BenchmarkSettings(
    Path root,
    Path outputDir,
    int clients,
    Duration measured,
    Duration warmup,
    int startups,
    int rounds,
    boolean typescript) {

  static final String USAGE =
      "Arguments (all optional): --clients=20 --seconds=20 --warmup-seconds=5 --startups=3"
          + " --rounds=4 --typescript=true --output=docs/benchmarks";

  private static final Set<String> NAMES =
      Set.of("clients", "seconds", "warmup-seconds", "startups", "rounds", "typescript", "output");

  /**
   * Parses the arguments.
   *
   * @param workingDir the folder the run started in: the repository root or its benchmarks folder
   * @throws IllegalArgumentException for an unknown argument or an invalid value
   */
  static BenchmarkSettings parse(String[] args, Path workingDir) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0 || !NAMES.contains(arg.substring(2, equals))) {
        throw new IllegalArgumentException("Unknown argument " + arg + ". " + USAGE);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    Path root = repositoryRoot(workingDir);
    return new BenchmarkSettings(
        root,
        root.resolve(values.getOrDefault("output", "docs/benchmarks")),
        positive(values, "clients", 20),
        Duration.ofSeconds(positive(values, "seconds", 20)),
        Duration.ofSeconds(positive(values, "warmup-seconds", 5)),
        positive(values, "startups", 3),
        positive(values, "rounds", 4),
        Boolean.parseBoolean(values.getOrDefault("typescript", "true")));
  }

  private static int positive(Map<String, String> values, String name, int defaultValue) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("--" + name + " must be a positive integer, got " + text);
  }

  private static Path repositoryRoot(Path workingDir) {
    Path dir = workingDir.toAbsolutePath().normalize();
    if (dir.getFileName() != null && dir.getFileName().toString().equals("benchmarks")) {
      return dir.getParent();
    }
    return dir;
  }
}
