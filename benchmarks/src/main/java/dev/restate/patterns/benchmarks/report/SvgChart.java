package dev.restate.patterns.benchmarks.report;

import dev.restate.patterns.benchmarks.report.BenchmarkReport.Footprint;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Startup;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.WorkloadRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BenchmarkReport} as an SVG image of three horizontal bar charts: throughput per
 * load run (with its p99 latency), start-up time to registration, and resident memory after load.
 */
public final class SvgChart {

  private static final int WIDTH = 1040;
  private static final int LABEL_WIDTH = 490;
  private static final int BAR_AREA = 380;
  private static final int BAR_HEIGHT = 18;
  private static final int ROW_HEIGHT = 26;
  private static final int TITLE_HEIGHT = 34;
  private static final int PANEL_GAP = 22;
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f"};

  private SvgChart() {}

  public static String render(BenchmarkReport report) {
    List<Panel> panels = new ArrayList<>();
    panels.add(
        new Panel(
            "Throughput, requests per second (" + report.clients() + " concurrent clients)",
            report.workloads().stream()
                .map(
                    run ->
                        new Bar(
                            run.id() + " " + run.description() + " · " + run.app(),
                            run.result().throughput(),
                            String.format(
                                Locale.ROOT,
                                "%.0f req/s, p99 %s ms",
                                run.result().throughput(),
                                MarkdownReport.format(run.result().p99Millis())),
                            colorOf(run)))
                .toList()));
    panels.add(
        new Panel(
            "Start to deployment registered, ms (median)",
            report.startups().stream()
                .map(
                    startup ->
                        new Bar(
                            startup.app() + " · " + startup.launch(),
                            startup.startToRegisteredMillis(),
                            String.format(
                                Locale.ROOT, "%.0f ms", startup.startToRegisteredMillis()),
                            colorOf(startup)))
                .toList()));
    panels.add(
        new Panel(
            "Resident memory after load, MiB",
            report.footprints().stream()
                .map(
                    footprint ->
                        new Bar(
                            footprint.app() + " · " + footprint.launch(),
                            footprint.afterLoadMiB(),
                            String.format(Locale.ROOT, "%.0f MiB", footprint.afterLoadMiB()),
                            colorOf(footprint)))
                .toList()));

    int height = 40;
    for (Panel panel : panels) {
      height += TITLE_HEIGHT + panel.bars().size() * ROW_HEIGHT + PANEL_GAP;
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                height,
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(
            text(
                10,
                22,
                "Restate patterns on Spring Boot: benchmark of "
                    + report.startedAt()
                    + " ("
                    + report.machine().cores()
                    + " cores, load average "
                    + MarkdownReport.format(report.machine().loadAverageAtStart())
                    + ")",
                "font-size=\"14\" font-weight=\"bold\""));
    int y = 40;
    for (Panel panel : panels) {
      y = renderPanel(svg, panel, y);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int renderPanel(StringBuilder svg, Panel panel, int top) {
    svg.append(text(10, top + 20, panel.title(), "font-weight=\"bold\""));
    double max = panel.bars().stream().mapToDouble(Bar::value).max().orElse(1);
    int y = top + TITLE_HEIGHT;
    for (Bar bar : panel.bars()) {
      double width = max > 0 ? bar.value() / max * BAR_AREA : 0;
      svg.append(text(LABEL_WIDTH - 8, y + 13, bar.label(), "text-anchor=\"end\""));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
              LABEL_WIDTH,
              y,
              Math.max(width, 1),
              BAR_HEIGHT,
              bar.color()));
      svg.append(text((int) (LABEL_WIDTH + width + 6), y + 13, bar.valueText(), ""));
      y += ROW_HEIGHT;
    }
    return y + PANEL_GAP;
  }

  private static String text(int x, int y, String content, String attributes) {
    return String.format(
        Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>\n", x, y, attributes, escape(content));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String colorOf(WorkloadRun run) {
    return colorOfApp(run.app(), run.launch());
  }

  private static String colorOf(Startup startup) {
    return colorOfApp(startup.app(), startup.launch());
  }

  private static String colorOf(Footprint footprint) {
    return colorOfApp(footprint.app(), footprint.launch());
  }

  /** The floor in grey, TypeScript in orange, default JVM flags in brown, the rest in blue. */
  private static String colorOfApp(String app, String launch) {
    if (app.contains("floor")) {
      return "#9d9d9d";
    }
    if (app.contains("TypeScript")) {
      return COLORS[1];
    }
    if (launch.contains("default")) {
      return COLORS[4];
    }
    return COLORS[0];
  }

  private record Panel(String title, List<Bar> bars) {}

  private record Bar(String label, double value, String valueText, String color) {}
}
