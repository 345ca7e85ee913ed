package dev.restate.patterns.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.restate.patterns.benchmarks.report.BenchmarkReport;
import dev.restate.patterns.benchmarks.report.MarkdownReport;
import dev.restate.patterns.benchmarks.report.SvgChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmarks and writes their results: {@code results-<time>.json} per run, and {@code
 * results.md} and {@code results.svg} of the latest run, into {@code docs/benchmarks}.
 *
 * <p>Start it through Maven, which builds the measured modules first: {@code ./mvnw -B -Pbenchmarks
 * -DskipTests -pl benchmarks -am verify}, with arguments in {@code
 * -Dbenchmarks.arguments="--seconds=20 --clients=20"}. It takes about ten minutes with the
 * defaults.
 */
public final class BenchmarkMain {

  static final String COMMAND = "./mvnw -B -Pbenchmarks -DskipTests -pl benchmarks -am verify";

  /** {@code --render=<results json>}: renders an earlier run again instead of running one. */
  static final String RENDER_ARGUMENT = "--render=";

  private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

  private BenchmarkMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].startsWith(RENDER_ARGUMENT)) {
      render(Path.of(args[0].substring(RENDER_ARGUMENT.length())));
      return;
    }
    BenchmarkSettings settings;
    try {
      settings = BenchmarkSettings.parse(args, Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String command =
        args.length == 0
            ? COMMAND
            : COMMAND + " -Dbenchmarks.arguments=\"" + String.join(" ", args) + "\"";
    BenchmarkReport report = new BenchmarkRun(settings).run(command);
    write(report, settings.outputDir());
  }

  /**
   * Writes the Markdown and SVG of an earlier run again from its JSON file, into the file's folder;
   * for a change of the rendering without a new run.
   */
  static void render(Path json) throws IOException {
    BenchmarkReport report = new ObjectMapper().readValue(json.toFile(), BenchmarkReport.class);
    Path outputDir = json.toAbsolutePath().getParent();
    Files.writeString(outputDir.resolve("results.md"), MarkdownReport.render(report));
    Files.writeString(outputDir.resolve("results.svg"), SvgChart.render(report));
    log.info("Rendered {} into results.md and results.svg", json);
  }

  /** Writes the JSON of the run, and the Markdown and SVG of the latest run. */
  static void write(BenchmarkReport report, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    String stamp = report.startedAt().replace(":", "").replace("-", "");
    Path json = outputDir.resolve("results-" + stamp + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    Path markdown = outputDir.resolve("results.md");
    Files.writeString(markdown, MarkdownReport.render(report));
    Path svg = outputDir.resolve("results.svg");
    Files.writeString(svg, SvgChart.render(report));
    log.info("Wrote {}, {} and {}", json, markdown, svg);
    System.out.println(MarkdownReport.render(report));
  }
}
