package dev.restate.patterns.benchmarks.report;

import dev.restate.patterns.benchmarks.driver.LoadResult;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Footprint;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Scenario;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Startup;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.TargetCheck;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.WorkloadRun;
import java.util.Locale;

/** Renders a {@link BenchmarkReport} as Markdown tables. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(BenchmarkReport report) {
    StringBuilder md = new StringBuilder();
    BenchmarkReport.Machine machine = report.machine();
    md.append("Run of ")
        .append(report.startedAt())
        .append(" on ")
        .append(machine.cpu())
        .append(", ")
        .append(machine.cores())
        .append(" cores, ")
        .append(machine.memoryMiB())
        .append(" MiB RAM, ")
        .append(machine.os())
        .append("; Java ")
        .append(machine.java())
        .append(", Node.js ")
        .append(machine.node())
        .append(", restate-server ")
        .append(machine.restateServer())
        .append(". Load average at start: ")
        .append(format(machine.loadAverageAtStart()))
        .append(". Each load run: ")
        .append(report.clients())
        .append(" concurrent clients, ")
        .append(format(report.warmupSeconds()))
        .append(" s warm-up, then ")
        .append(format(report.secondsPerWorkload()))
        .append(" s measured.\n\n");

    md.append(
            "| workload | served by | launch | req/s | p50 ms | p90 ms | p99 ms | max ms | errors")
        .append(" | CPU ms/req app, server, driver | load avg |\n");
    md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (WorkloadRun run : report.workloads()) {
      LoadResult r = run.result();
      md.append("| ")
          .append(run.id())
          .append(" ")
          .append(run.description())
          .append(" | ")
          .append(run.app())
          .append(" | ")
          .append(run.launch())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", r.throughput()))
          .append(" | ")
          .append(format(r.p50Millis()))
          .append(" | ")
          .append(format(r.p90Millis()))
          .append(" | ")
          .append(format(r.p99Millis()))
          .append(" | ")
          .append(format(r.maxMillis()))
          .append(" | ")
          .append(r.errors())
          .append(" | ")
          .append(format(run.cpuPerRequest().app()))
          .append(", ")
          .append(format(run.cpuPerRequest().server()))
          .append(", ")
          .append(format(run.cpuPerRequest().driver()))
          .append(" | ")
          .append(format(run.loadAverageBefore()))
          .append(" |\n");
    }

    if (!report.scenarios().isEmpty()) {
      md.append("\n| scenario | items | seconds | items/s | load avg |\n");
      md.append("| --- | ---: | ---: | ---: | ---: |\n");
      for (Scenario scenario : report.scenarios()) {
        md.append("| ")
            .append(scenario.id())
            .append(" ")
            .append(scenario.description())
            .append(" | ")
            .append(scenario.items())
            .append(" | ")
            .append(format(scenario.seconds()))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.0f", scenario.itemsPerSecond()))
            .append(" | ")
            .append(format(scenario.loadAverageBefore()))
            .append(" |\n");
      }
    }

    md.append(
        "\n| start-up | launch | to listening ms | to registered ms | samples ms | RSS MiB"
            + " | first request ms |\n");
    md.append("| --- | --- | ---: | ---: | --- | ---: | ---: |\n");
    for (Startup startup : report.startups()) {
      md.append("| ")
          .append(startup.app())
          .append(" | ")
          .append(startup.launch())
          .append(" | ")
          .append(
              startup.startToListeningMillis() < 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.0f", startup.startToListeningMillis()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", startup.startToRegisteredMillis()))
          .append(" | ")
          .append(
              String.join(
                  ", ",
                  startup.registeredSamplesMillis().stream()
                      .map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                      .toList()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", startup.residentMiBAtRegistered()))
          .append(" | ")
          .append(startup.firstRequestMillis() < 0 ? "-" : format(startup.firstRequestMillis()))
          .append(" |\n");
    }

    md.append("\n| resident memory | launch | after warm-up MiB | after load MiB |\n");
    md.append("| --- | --- | ---: | ---: |\n");
    for (Footprint footprint : report.footprints()) {
      md.append("| ")
          .append(footprint.app())
          .append(" | ")
          .append(footprint.launch())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", footprint.afterWarmupMiB()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", footprint.afterLoadMiB()))
          .append(" |\n");
    }

    if (!report.targets().isEmpty()) {
      md.append("\n| target | measured | met |\n");
      md.append("| --- | --- | --- |\n");
      for (TargetCheck check : report.targets()) {
        md.append("| ")
            .append(check.target())
            .append(" | ")
            .append(check.measured())
            .append(" | ")
            .append(check.met() ? "yes" : "**no**")
            .append(" |\n");
      }
    }

    for (String note : report.notes()) {
      md.append("\n- ").append(note);
    }
    if (!report.notes().isEmpty()) {
      md.append('\n');
    }
    md.append("\nReproduce with `").append(report.command()).append("`.\n");
    return md.toString();
  }

  static String format(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
