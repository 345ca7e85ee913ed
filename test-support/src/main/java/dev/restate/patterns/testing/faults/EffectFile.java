package dev.restate.patterns.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A file of side effects, one line per effect, that outlives the JVM which performed them. A fault
 * test hands its path to the application that it kills and starts again, and counts the effects of
 * all its runs here.
 *
 * <p>A line contains the writer's process id, the system, the action, the id and the details,
 * separated by tabs. Each line is written with one append to the file, so a JVM killed with SIGKILL
 * leaves every effect it recorded before in the file.
 */
public final class EffectFile {

  /**
   * One recorded effect.
   *
   * @param pid the process id of the JVM that performed it
   * @param system the system it happened in, for example {@code payment} or {@code EmailClient}
   * @param action what happened, for example {@code charged} or {@code send}
   * @param id the id of the thing it happened to, for example a payment id or a recipient
   * @param details further facts, for example the amount
   */
  public record Effect(long pid, String system, String action, String id, String details) {}

  private final Path path;

  public EffectFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  /** Returns the effect file {@code target/faults/<name>-effects.tsv}, emptied. */
  public static EffectFile createEmpty(String name) {
    EffectFile file =
        new EffectFile(FaultFiles.directory().resolve(FaultFiles.claim(name) + "-effects.tsv"));
    file.delete();
    return file;
  }

  public Path path() {
    return path;
  }

  /** Appends an effect of this JVM. */
  public void append(String system, String action, String id, String details) {
    String line =
        String.join(
                "\t",
                Long.toString(ProcessHandle.current().pid()),
                escape(system),
                escape(action),
                escape(id),
                escape(details))
            + "\n";
    synchronized (this) {
      try {
        Files.createDirectories(path.getParent());
        Files.writeString(
            path,
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not append an effect to " + path, e);
      }
    }
  }

  /** Returns the effects in the order they were recorded; none while the file does not exist. */
  public List<Effect> read() {
    if (!Files.exists(path)) {
      return List.of();
    }
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the effects in " + path, e);
    }
    List<Effect> effects = new ArrayList<>();
    int start = 0;
    // A line without its newline is still being written, so it is left for the next read.
    for (int end = content.indexOf('\n'); end >= 0; end = content.indexOf('\n', start)) {
      effects.add(parse(content.substring(start, end)));
      start = end + 1;
    }
    return effects;
  }

  /** Returns the effects of one system and action. */
  public List<Effect> read(String system, String action) {
    return read().stream()
        .filter(effect -> effect.system().equals(system) && effect.action().equals(action))
        .toList();
  }

  /** Returns the number of effects that match. */
  public long count(Predicate<Effect> filter) {
    return read().stream().filter(filter).count();
  }

  /** Returns how often each id had this effect. */
  public Map<String, Long> countById(String system, String action) {
    return read(system, action).stream()
        .collect(Collectors.groupingBy(Effect::id, Collectors.counting()));
  }

  /** Deletes the file, so that a test starts from no effects. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + path, e);
    }
  }

  private static Effect parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      throw new IllegalStateException("Not an effect line (expected 5 fields): " + line);
    }
    return new Effect(
        Long.parseLong(fields[0]),
        unescape(fields[1]),
        unescape(fields[2]),
        unescape(fields[3]),
        unescape(fields[4]));
  }

  private static String escape(String value) {
    if (value == null) {
      return "";
    }
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String value) {
    StringBuilder result = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        if (next == 't') {
          result.append('\t');
        } else if (next == 'n') {
          result.append('\n');
        } else {
          result.append(next);
        }
      } else {
        result.append(c);
      }
    }
    return result.toString();
  }
}
