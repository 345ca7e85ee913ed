package dev.restate.patterns.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The counts of one fault scenario: how many invocations the test started and saw complete, and how
 * many side effects the pattern promises and the effect file counted.
 *
 * @param module the module, for example {@code messaging}
 * @param scenario the fault, for example {@code kill during reminder timer}
 * @param note why the counts differ where the pattern allows it, or null, for example a step that
 *     was running at the fault and ran again
 */
public record FaultReport(
    String module,
    String scenario,
    int invocationsStarted,
    int invocationsCompleted,
    long effectsExpected,
    long effectsCounted,
    String note) {

  private static final Set<String> MODULES_REPORTED = new HashSet<>();

  /** Creates a report without a note. */
  public FaultReport(
      String module,
      String scenario,
      int invocationsStarted,
      int invocationsCompleted,
      long effectsExpected,
      long effectsCounted) {
    this(
        module,
        scenario,
        invocationsStarted,
        invocationsCompleted,
        effectsExpected,
        effectsCounted,
        null);
  }

  /** Returns the report line, as the fault tests print it and docs/guarantees.md quotes it. */
  public String line() {
    return "faults: "
        + module
        + " "
        + scenario
        + ": invocations started "
        + invocationsStarted
        + ", completed "
        + invocationsCompleted
        + ", side effects expected "
        + effectsExpected
        + ", counted "
        + effectsCounted
        + (note == null ? "" : " (" + note + ")");
  }

  /**
   * Prints the line to standard output and appends it to {@code target/faults/<module>-report.txt},
   * which the first report of a module in this JVM empties. Call it before the assertions, so that
   * a failing scenario shows its counts too.
   */
  public FaultReport print() {
    System.out.println(line());
    try {
      Path report = FaultFiles.directory().resolve(FaultFiles.claim(module + "-report") + ".txt");
      synchronized (MODULES_REPORTED) {
        if (MODULES_REPORTED.add(module)) {
          Files.deleteIfExists(report);
        }
      }
      Files.writeString(
          report,
          line() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the fault report", e);
    }
    return this;
  }
}
