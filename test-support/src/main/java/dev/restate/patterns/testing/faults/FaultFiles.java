package dev.restate.patterns.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** The folder {@code target/faults/} of the module under test, where fault tests keep files. */
final class FaultFiles {

  private FaultFiles() {}

  /** Returns the folder, creating it when needed. */
  static Path directory() {
    Path directory = Paths.get("target", "faults").toAbsolutePath();
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + directory, e);
    }
  }

  /** Deletes a folder with its content; a missing folder is fine. */
  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + folder, e);
    }
  }
}
