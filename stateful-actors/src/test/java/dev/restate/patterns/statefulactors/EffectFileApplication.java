package dev.restate.patterns.statefulactors;

import dev.restate.patterns.common.clients.EffectLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts the application in a JVM of its own and appends every recorded effect to the file named by
 * the system property {@value #EFFECTS_FILE_PROPERTY}, so that a test can count effects across a
 * crash of that JVM.
 *
 * <p>It carries no Spring annotation, so the component scan of the tests' own contexts skips it.
 */
public final class EffectFileApplication {

  static final String EFFECTS_FILE_PROPERTY = "effects.file";

  private EffectFileApplication() {}

  public static void main(String[] args) {
    Path effectsFile = Path.of(System.getProperty(EFFECTS_FILE_PROPERTY));
    BeanPostProcessor copyEffectsToFile =
        new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof EffectLog effects) {
              effects.addListener(effect -> append(effectsFile, format(effect)));
            }
            return bean;
          }
        };
    new SpringApplicationBuilder(StatefulActorsApplication.class)
        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(copyEffectsToFile))
        .run(args);
  }

  /** Formats an effect as one line of the file: id, action and details, separated by tabs. */
  static String format(EffectLog.Effect effect) {
    return effect.id() + "\t" + effect.action() + "\t" + effect.details();
  }

  private static synchronized void append(Path file, String line) {
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not record an effect in " + file, e);
    }
  }
}
