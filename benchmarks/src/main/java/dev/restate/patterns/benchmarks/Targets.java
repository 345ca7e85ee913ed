package dev.restate.patterns.benchmarks;

import dev.restate.patterns.benchmarks.apps.JavaLaunch;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Footprint;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Startup;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.TargetCheck;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.WorkloadRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's targets, checked against the figures of one run. Every ratio compares figures of
 * the same run, so they hold on this machine at this load, not in general.
 */
final class Targets {

  static final double W1_OVER_TYPESCRIPT = 1.3;
  static final double W1_OVER_FLOOR = 0.85;
  static final double W1_P99_OVER_FLOOR_P99 = 1.5;
  static final double W2_OVER_TYPESCRIPT = 1.1;
  static final double W3_P50_OVER_W1_P50 = 1.25;
  static final double MAX_RESIDENT_MIB = 200;
  static final double W1_OVER_TYPESCRIPT_WITH_SHIPPED_OPTIONS = 1.2;
  static final double MAX_START_TO_REGISTERED_MILLIS = 2000;

  private Targets() {}

  static List<TargetCheck> check(
      List<WorkloadRun> runs,
      List<Startup> startups,
      List<Footprint> footprints,
      String module,
      String floor,
      String typescript) {
    String shipped = JavaLaunch.SHIPPED.name();
    Optional<WorkloadRun> w1 = find(runs, "W1", module, shipped);
    Optional<WorkloadRun> w2 = find(runs, "W2", module, shipped);
    Optional<WorkloadRun> w3 = find(runs, "W3", module, shipped);
    Optional<WorkloadRun> w1Single = findSingleClient(runs, "W1", module, shipped);
    Optional<WorkloadRun> w3Single = findSingleClient(runs, "W3", module, shipped);
    Optional<WorkloadRun> f1 = find(runs, "F1", floor, shipped);
    Optional<WorkloadRun> w1Ts =
        runs.stream().filter(r -> r.id().equals("W1") && r.app().equals(typescript)).findFirst();
    Optional<WorkloadRun> w2Ts =
        runs.stream().filter(r -> r.id().equals("W2") && r.app().equals(typescript)).findFirst();

    List<TargetCheck> checks = new ArrayList<>();
    if (w1.isPresent() && w1Ts.isPresent()) {
      double ratio = throughput(w1) / throughput(w1Ts);
      checks.add(atLeast("W1 throughput >= 1.3 x TypeScript", ratio, W1_OVER_TYPESCRIPT));
      checks.add(
          atLeast(
              "W1 throughput with the shipped JVM options >= 1.2 x TypeScript",
              ratio,
              W1_OVER_TYPESCRIPT_WITH_SHIPPED_OPTIONS));
    }
    if (w1.isPresent() && f1.isPresent()) {
      checks.add(
          atLeast(
              "W1 throughput >= 0.85 x the no-op floor",
              throughput(w1) / throughput(f1),
              W1_OVER_FLOOR));
      checks.add(
          atMost(
              "W1 p99 <= 1.5 x the floor's p99",
              w1.get().result().p99Millis() / f1.get().result().p99Millis(),
              W1_P99_OVER_FLOOR_P99));
    }
    if (w2.isPresent() && w2Ts.isPresent()) {
      checks.add(
          atLeast(
              "W2 throughput (one key) >= 1.1 x TypeScript",
              throughput(w2) / throughput(w2Ts),
              W2_OVER_TYPESCRIPT));
    }
    if (w1.isPresent() && w3.isPresent()) {
      checks.add(
          atMost(
              "W3 p50 (through the controller) <= 1.25 x W1 p50, all clients",
              w3.get().result().p50Millis() / w1.get().result().p50Millis(),
              W3_P50_OVER_W1_P50));
    }
    if (w1Single.isPresent() && w3Single.isPresent()) {
      checks.add(
          atMost(
              "W3 p50 <= 1.25 x W1 p50, one client (no queueing for CPU)",
              w3Single.get().result().p50Millis() / w1Single.get().result().p50Millis(),
              W3_P50_OVER_W1_P50));
    }
    footprints.stream()
        .filter(f -> f.app().equals(module) && f.launch().equals(shipped))
        .findFirst()
        .ifPresent(
            f ->
                checks.add(
                    new TargetCheck(
                        "durable-rpc resident memory after load <= 200 MiB (shipped options)",
                        String.format(Locale.ROOT, "%.0f MiB", f.afterLoadMiB()),
                        f.afterLoadMiB() <= MAX_RESIDENT_MIB)));
    startups.stream()
        .filter(s -> s.app().equals(module) && s.launch().equals(shipped))
        .findFirst()
        .ifPresent(
            s ->
                checks.add(
                    new TargetCheck(
                        "durable-rpc start to deployment registered <= 2 s (shipped launch)",
                        String.format(Locale.ROOT, "%.2f s", s.startToRegisteredMillis() / 1000),
                        s.startToRegisteredMillis() <= MAX_START_TO_REGISTERED_MILLIS)));
    return checks;
  }

  /** Finds the run of the workload at the run's concurrency, not its one-client variant. */
  private static Optional<WorkloadRun> find(
      List<WorkloadRun> runs, String id, String app, String launch) {
    return runs.stream()
        .filter(r -> r.id().equals(id) && r.app().equals(app) && r.launch().equals(launch))
        .filter(r -> r.result().clients() > 1)
        .findFirst();
  }

  private static Optional<WorkloadRun> findSingleClient(
      List<WorkloadRun> runs, String id, String app, String launch) {
    return runs.stream()
        .filter(r -> r.id().equals(id) && r.app().equals(app) && r.launch().equals(launch))
        .filter(r -> r.result().clients() == 1)
        .findFirst();
  }

  private static double throughput(Optional<WorkloadRun> run) {
    return run.orElseThrow().result().throughput();
  }

  private static TargetCheck atLeast(String target, double ratio, double minimum) {
    return new TargetCheck(target, String.format(Locale.ROOT, "%.2f x", ratio), ratio >= minimum);
  }

  private static TargetCheck atMost(String target, double ratio, double maximum) {
    return new TargetCheck(target, String.format(Locale.ROOT, "%.2f x", ratio), ratio <= maximum);
  }
}
