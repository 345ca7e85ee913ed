package dev.restate.patterns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.benchmarks.driver.LoadResult;
import dev.restate.patterns.benchmarks.report.BenchmarkReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a benchmark run writes: JSON per run, Markdown table and SVG chart. */
class BenchmarkReportTest {

  @TempDir Path output;

  @Test
  void writeProducesJsonMarkdownAndSvg() throws IOException {
    BenchmarkReport report = sampleReport();

    BenchmarkMain.write(report, output);

    Path json;
    try (Stream<Path> files = Files.list(output)) {
      json = files.filter(path -> path.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    JsonNode tree = new ObjectMapper().readTree(json.toFile());
    assertThat(tree.path("workloads").get(0).path("result").path("throughput").asDouble())
        .isEqualTo(2000.0);
    String markdown = Files.readString(output.resolve("results.md"));
    assertThat(markdown)
        .contains("| W1 product/reserve, distinct keys | durable-rpc | jvm.options + CDS | 2000 |")
        .contains(
            "| durable-rpc start to deployment registered <= 2 s (shipped launch) | 1.80 s |"
                + " yes |");
    String svg = Files.readString(output.resolve("results.svg"));
    assertThat(svg).startsWith("<svg").contains("2000 req/s, p99 25.0 ms").endsWith("</svg>\n");
  }

  @Test
  void renderRewritesMarkdownFromJson() throws IOException {
    BenchmarkMain.write(sampleReport(), output);
    String written = Files.readString(output.resolve("results.md"));
    Files.delete(output.resolve("results.md"));
    Files.delete(output.resolve("results.svg"));
    Path json;
    try (Stream<Path> files = Files.list(output)) {
      json = files.filter(path -> path.toString().endsWith(".json")).findFirst().orElseThrow();
    }

    BenchmarkMain.render(json);

    assertThat(Files.readString(output.resolve("results.md"))).isEqualTo(written);
    assertThat(output.resolve("results.svg")).exists();
  }

  private static BenchmarkReport sampleReport() {
    LoadResult w1 =
        new LoadResult("W1", 20, 40_000, 0, null, 20.0, 2000.0, 10.0, 9.0, 14.0, 25.0, 60.0);
    return new BenchmarkReport(
        "2026-01-01T00:00:00Z",
        BenchmarkMain.COMMAND,
        new BenchmarkReport.Machine(
            "Test CPU", 2, 4096, "Linux 6", "OpenJDK 17", "v20", "1.7.12", 0.5),
        20,
        20,
        5,
        List.of(
            new BenchmarkReport.Startup(
                "durable-rpc", "jvm.options + CDS", 1500, 1800, List.of(1800.0), 150, 40)),
        List.of(new BenchmarkReport.Footprint("durable-rpc", "jvm.options + CDS", 150, 180)),
        List.of(
            new BenchmarkReport.WorkloadRun(
                "W1",
                "product/reserve, distinct keys",
                "durable-rpc",
                "jvm.options + CDS",
                w1,
                0.5,
                new BenchmarkReport.CpuPerRequest(0.4, 0.5, 0.1))),
        List.of(),
        List.of(
            new BenchmarkReport.TargetCheck(
                "durable-rpc start to deployment registered <= 2 s (shipped launch)",
                "1.80 s",
                true)),
        List.of());
  }
}
