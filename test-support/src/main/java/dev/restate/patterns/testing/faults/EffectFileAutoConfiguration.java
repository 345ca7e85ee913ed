package dev.restate.patterns.testing.faults;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Copies the side effects of an application to an {@link EffectFile}, when the property {@value
 * #FILE_PROPERTY} names the file. A fault test sets it on the application that it kills, so that
 * the effects outlive the JVM.
 *
 * <p>It records every effect of common's {@code EffectLog}, and every successful call of the
 * methods listed in {@value #RECORDED_CALLS_PROPERTY}, for clients that record nothing themselves.
 * With {@value #RESTORE_CLIENT_STATE_PROPERTY} it also restores simulated clients from the file.
 * Without the file property it does nothing, so it is inert in every other test.
 */
@AutoConfiguration
@ConditionalOnProperty(EffectFileAutoConfiguration.FILE_PROPERTY)
public class EffectFileAutoConfiguration {

  /** The path of the effect file. */
  public static final String FILE_PROPERTY = "patterns.test.effects-file";

  /**
   * Methods whose successful calls are recorded as effects, as a comma-separated list of {@code
   * fully.qualified.ClassName#methodName}.
   */
  public static final String RECORDED_CALLS_PROPERTY = "patterns.test.recorded-calls";

  /**
   * Whether common's simulated airline, car rental and payment provider start with the bookings and
   * charges that the file records from earlier runs, as real downstream systems would keep them
   * across a restart of the application. False by default.
   */
  public static final String RESTORE_CLIENT_STATE_PROPERTY = "patterns.test.restore-client-state";

  /** Static, so that Spring registers the post-processor before it creates the other beans. */
  @Bean
  static EffectRecorder patternsTestEffectRecorder(Environment environment) {
    EffectFile file = new EffectFile(Path.of(environment.getRequiredProperty(FILE_PROPERTY)));
    List<String> recordedCalls =
        List.of(environment.getProperty(RECORDED_CALLS_PROPERTY, String[].class, new String[0]));
    boolean restoreClientState =
        environment.getProperty(RESTORE_CLIENT_STATE_PROPERTY, Boolean.class, false);
    return new EffectRecorder(file, RecordedCall.parseAll(recordedCalls), restoreClientState);
  }
}
