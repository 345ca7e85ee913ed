package dev.restate.patterns.testing.faults;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The classpath of the running tests, for the child JVMs that fault tests start. */
final class TestClasspath {

  private TestClasspath() {}

  /**
   * Returns the test JVM's classpath. Surefire may start the tests through a jar whose manifest
   * lists the classpath; it puts the full list in {@code surefire.test.class.path}.
   *
   * @param withTestClasses whether to keep {@code target/test-classes}. Without it, an application
   *     runs as it would in production: its component scan cannot pick up a test configuration.
   */
  static String of(boolean withTestClasses) {
    String surefireClasspath = System.getProperty("surefire.test.class.path");
    String value =
        surefireClasspath != null ? surefireClasspath : System.getProperty("java.class.path");
    return Arrays.stream(value.split(File.pathSeparator))
        .filter(entry -> withTestClasses || !isTestClassesFolder(entry))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static boolean isTestClassesFolder(String entry) {
    Path fileName = Paths.get(entry).getFileName();
    return fileName != null && fileName.toString().equals("test-classes");
  }
}
