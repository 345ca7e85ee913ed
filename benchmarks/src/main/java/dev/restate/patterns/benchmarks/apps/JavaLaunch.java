package dev.restate.patterns.benchmarks.apps;

import java.util.List;

/**
 * How the benchmark starts a Spring Boot application.
 *
 * @param name a short name for reports, for example {@code default flags}
 * @param useOptionsFile pass the module's {@code jvm.options} file to {@code java}
 * @param classDataSharing run from the extracted jar with an application class-data sharing (CDS)
 *     archive, made once by a training run
 * @param extraArguments further application arguments, for example a Spring property to compare
 */
public record JavaLaunch(
    String name, boolean useOptionsFile, boolean classDataSharing, List<String> extraArguments) {

  public JavaLaunch {
    extraArguments = List.copyOf(extraArguments);
  }

  /** {@code java -jar app.jar}: the JVM's default flags. */
  public static final JavaLaunch DEFAULT = new JavaLaunch("default flags", false, false, List.of());

  /** {@code java @jvm.options -jar app.jar}: the options the module ships. */
  public static final JavaLaunch OPTIONS = new JavaLaunch("jvm.options", true, false, List.of());

  /** The module's options, run from the extracted jar with a CDS archive. */
  public static final JavaLaunch SHIPPED =
      new JavaLaunch("jvm.options + CDS", true, true, List.of());

  /** The shipped launch with lazy bean initialization turned off, to measure what it saves. */
  public static final JavaLaunch SHIPPED_EAGER =
      new JavaLaunch(
          "jvm.options + CDS, eager init",
          true,
          true,
          List.of("--spring.main.lazy-initialization=false"));
}
