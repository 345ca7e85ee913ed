package dev.restate.patterns.testing;

import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the application context of a {@link WithRestateServer} test at the JVM's shared
 * restate-server: the Restate client at its ingress, the endpoint on a free port, local-run support
 * off. The server itself is available as a {@link RestateTestServer} bean.
 */
public class RestateTestContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithRestateServer.class)) {
      return null;
    }
    return new Customizer();
  }

  /** Stateless, so all test classes of a JVM can share one cached context per configuration. */
  private static final class Customizer implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      RestateTestServer server = SharedRestateServer.get();
      TestPropertyValues.of(
              "restate.client.base-uri=" + server.ingressUrl(),
              "restate.sdk.http.port=0",
              "restate.local.enabled=false")
          .applyTo(context);
      context.getBeanFactory().registerSingleton("restateTestServer", server);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }
}
