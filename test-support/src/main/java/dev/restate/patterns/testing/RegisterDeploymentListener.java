package dev.restate.patterns.testing;

import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Registers the endpoint of a {@link WithRestateServer} test's application with the shared
 * restate-server before the test class runs.
 *
 * <p>It registers before every class, not once per context: Spring caches contexts across test
 * classes, and a class with another configuration may have replaced the deployment in between.
 */
public class RegisterDeploymentListener extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    // After Spring's own listeners have prepared the context.
    return LOWEST_PRECEDENCE - 100;
  }

  @Override
  public void beforeTestClass(TestContext testContext) {
    if (!TestContextAnnotationUtils.hasAnnotation(
        testContext.getTestClass(), WithRestateServer.class)) {
      return;
    }
    ApplicationContext context = testContext.getApplicationContext();
    RestateTestServer server = context.getBean(RestateTestServer.class);
    int port = context.getBean(RestateHttpEndpointBean.class).actualPort();
    if (port <= 0) {
      throw new IllegalStateException(
          "The application of "
              + testContext.getTestClass().getSimpleName()
              + " has no running Restate endpoint (port "
              + port
              + "); is its application class annotated with @EnableRestate?");
    }
    server.admin().registerDeployment(server.deploymentUri(port), true);
  }
}
