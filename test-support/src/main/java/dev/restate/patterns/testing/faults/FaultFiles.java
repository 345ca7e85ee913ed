package dev.restate.patterns.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The folder {@code target/faults/} of the module under test, where fault tests keep files. */
final class FaultFiles {

  /** The names claimed by this JVM, each with the name its files use. */
  private static final Map<String, String> CLAIMED = new HashMap<>();

  /** Open channels whose locks mark the claimed names; the JVM's exit releases them. */
  private static final List<FileChannel> LOCKS = new ArrayList<>();

  private FaultFiles() {}

  /**
   * Returns the name under which this JVM keeps the files of {@code name}. That is the name itself,
   * or, while another test JVM in the same folder has locked it, the name with this JVM's process
   * id appended, so two builds of one module at the same time do not delete each other's files.
   */
  static synchronized String claim(String name) {
    return CLAIMED.computeIfAbsent(
        name,
        wanted -> {
          Path lockFile = directory().resolve(wanted + ".lock");
          try {
            FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
              LOCKS.add(channel);
              return wanted;
            }
            channel.close();
            return wanted + "-" + ProcessHandle.current().pid();
          } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
          }
        });
  }

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
