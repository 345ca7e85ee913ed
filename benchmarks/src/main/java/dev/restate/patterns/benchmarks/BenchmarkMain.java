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

  private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

  private BenchmarkMain() {}

  public static void main(String[] args) throws IOException {
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
