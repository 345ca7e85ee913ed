package dev.restate.patterns.testing.poison;

import dev.restate.patterns.testing.poison.PoisonOutcome.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of a {@link PoisonInputMatrix} run: every case's outcome, the invocations left
 * retrying, and the other problems found (uncovered handlers, changed state).
 *
 * <p>{@link #print()} logs the count line, {@code poison: <module>: cases N, rejected 4xx R,
 * accepted A, left retrying L}, and writes every case to {@code target/poison-input/<module>.md} of
 * the module whose tests run.
 */
public final class PoisonInputReport {

  private static final Logger log = LoggerFactory.getLogger(PoisonInputReport.class);

  private final String module;
  private final List<PoisonOutcome> outcomes;
  private final List<String> retrying;
  private final List<String> otherProblems;

  PoisonInputReport(
      String module,
      List<PoisonOutcome> outcomes,
      List<String> retrying,
      List<String> otherProblems) {
    this.module = module;
    this.outcomes = List.copyOf(outcomes);
    this.retrying = List.copyOf(retrying);
    this.otherProblems = List.copyOf(otherProblems);
  }

  public List<PoisonOutcome> outcomes() {
    return outcomes;
  }

  public int cases() {
    return outcomes.size();
  }

  public long count(Verdict verdict) {
    return outcomes.stream().filter(outcome -> outcome.verdict() == verdict).count();
  }

  /** Returns the invocations left retrying, one line each. */
  public List<String> retrying() {
    return retrying;
  }

  /** Returns the count line that {@link #print()} logs. */
  public String summary() {
    return "poison: "
        + module
        + ": cases "
        + cases()
        + ", rejected 4xx "
        + count(Verdict.REJECTED)
        + ", accepted "
        + count(Verdict.ACCEPTED)
        + ", left retrying "
        + retrying.size();
  }

  /** Lists everything that makes the run fail: failed cases, retrying invocations, the rest. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (PoisonOutcome outcome : outcomes) {
      if (outcome.verdict() == Verdict.FAILED) {
        problems.add(
            outcome.poisonCase().name()
                + ": "
                + PoisonInputMatrix.cut(outcome.message(), 400)
                + (outcome.invocationId() == null ? "" : " [" + outcome.invocationId() + "]"));
      }
    }
    for (String invocation : retrying) {
      problems.add("left retrying: " + invocation);
    }
    problems.addAll(otherProblems);
    return problems;
  }

  /** Throws an {@link AssertionError} that lists every problem, unless there is none. */
  public void assertAllHandled() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new AssertionError(
          summary() + "\n" + problems.size() + " problems:\n  " + String.join("\n  ", problems));
    }
  }

  /** Logs the count line and the problems, and writes the case table. */
  public void print() {
    log.info("{}", summary());
    for (String problem : problems()) {
      log.warn("poison: {}: {}", module, problem);
    }
    write(Paths.get("target", "poison-input", module + ".md"));
  }

  /** Writes the outcome of every case as a Markdown table to {@code file}. */
  public void write(Path file) {
    List<String> lines = new ArrayList<>();
    lines.add("# Poison input: " + module);
    lines.add("");
    lines.add(summary());
    lines.add("");
    lines.add("| case | outcome | status | message |");
    lines.add("| --- | --- | --- | --- |");
    for (PoisonOutcome outcome : outcomes) {
      lines.add(
          "| "
              + cell(outcome.poisonCase().name())
              + " | "
              + outcome.verdict().name().toLowerCase()
              + " | "
              + (outcome.status() == 0 ? "" : outcome.status())
              + " | "
              + cell(PoisonInputMatrix.cut(outcome.message(), 160))
              + " |");
    }
    if (!problems().isEmpty()) {
      lines.add("");
      lines.add("## Problems");
      lines.add("");
      problems().forEach(problem -> lines.add("- " + problem));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the poison report " + file, e);
    }
  }

  private static String cell(String text) {
    return PoisonInputMatrix.cut(text, 200).replace("|", "\\|");
  }
}
