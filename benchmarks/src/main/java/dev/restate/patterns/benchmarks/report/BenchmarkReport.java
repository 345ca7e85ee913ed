package dev.restate.patterns.benchmarks.report;

import dev.restate.patterns.benchmarks.driver.LoadResult;
import java.util.List;

/**
 * Everything one benchmark run measured, written as one JSON file and rendered as Markdown and SVG.
 *
 * @param startedAt the run's start, ISO-8601 in UTC
 * @param command the command line that reproduces the run
 * @param machine the machine it ran on
 * @param clients the number of concurrent clients of each load run
 * @param secondsPerWorkload the measured length of each load run, after its warm-up
 * @param warmupSeconds the discarded warm-up run before each load run
 * @param startups start-up times per application and launch
 * @param footprints resident memory per application and launch
 * @param workloads the load runs
 * @param scenarios the measurements that time one scenario instead of a request loop
 * @param targets the targets of the benchmark and whether this run met them
 * @param notes remarks of the run, for example a workload that could not run
 */
public record BenchmarkReport(
    String startedAt,
    String command,
    Machine machine,
    int clients,
    double secondsPerWorkload,
    double warmupSeconds,
    List<Startup> startups,
    List<Footprint> footprints,
    List<WorkloadRun> workloads,
    List<Scenario> scenarios,
    List<TargetCheck> targets,
    List<String> notes) {

  /**
   * The machine of a run.
   *
   * @param cpu the CPU model
   * @param cores the number of cores the JVM sees
   * @param memoryMiB the physical memory
   * @param os the operating system and kernel version
   * @param java the Java runtime of the driver and the applications
   * @param node the Node.js version, or null when not found
   * @param restateServer the restate-server version
   * @param loadAverageAtStart the one-minute load average before the run
   */
  public record Machine(
      String cpu,
      int cores,
      long memoryMiB,
      String os,
      String java,
      String node,
      String restateServer,
      double loadAverageAtStart) {}

  /**
   * Start-up of an application: the median of several starts.
   *
   * @param app the application
   * @param launch how it was started
   * @param startToListeningMillis from process start until its Restate endpoint accepted
   *     connections
   * @param startToRegisteredMillis from process start until its deployment was registered with
   *     restate-server
   * @param registeredSamplesMillis every start's time to registered, in order
   * @param residentMiBAtRegistered resident memory right after registration, median
   * @param firstRequestMillis the latency of the first request after registration, median, or -1
   *     when not measured
   */
  public record Startup(
      String app,
      String launch,
      double startToListeningMillis,
      double startToRegisteredMillis,
      List<Double> registeredSamplesMillis,
      double residentMiBAtRegistered,
      double firstRequestMillis) {}

  /**
   * Resident memory of an application's process.
   *
   * @param app the application
   * @param launch how it was started
   * @param afterWarmupMiB after the first warm-up run
   * @param afterLoadMiB after its last load run
   */
  public record Footprint(String app, String launch, double afterWarmupMiB, double afterLoadMiB) {}

  /**
   * One load run.
   *
   * @param id the workload's short id, for example {@code W1}
   * @param description what the workload does
   * @param app the application that served it
   * @param launch how that application was started
   * @param result throughput and latencies
   * @param loadAverageBefore the machine's one-minute load average just before the run
   * @param cpuPerRequest CPU time per successful request of each process during the run
   */
  public record WorkloadRun(
      String id,
      String description,
      String app,
      String launch,
      LoadResult result,
      double loadAverageBefore,
      CpuPerRequest cpuPerRequest) {}

  /**
   * CPU time, user and system, per successful request of a load run, in milliseconds; -1 where
   * {@code /proc} could not tell. On a machine whose cores are all busy, these show where the time
   * of a request goes.
   *
   * @param app the application's process (for TypeScript, the Node.js process)
   * @param server the restate-server process
   * @param driver the load driver's JVM
   */
  public record CpuPerRequest(double app, double server, double driver) {}

  /**
   * A scenario timed from its first request to its last effect, such as a queue draining.
   *
   * @param id the workload's short id
   * @param description what the scenario does
   * @param items how many items, events or awaiters it processed
   * @param seconds the time it took
   * @param itemsPerSecond {@code items / seconds}
   * @param loadAverageBefore the machine's one-minute load average just before it
   */
  public record Scenario(
      String id,
      String description,
      long items,
      double seconds,
      double itemsPerSecond,
      double loadAverageBefore) {}

  /**
   * A target and this run's figure.
   *
   * @param target what is aimed for, for example {@code W1 >= 1.3 x TypeScript}
   * @param measured the figure of this run
   * @param met whether the figure meets the target
   */
  public record TargetCheck(String target, String measured, boolean met) {}
}
