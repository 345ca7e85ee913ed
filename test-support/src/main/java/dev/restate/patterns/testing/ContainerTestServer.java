package dev.restate.patterns.testing;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Restate server in a Docker container, the last resort when no restate-server executable can be
 * found or installed but a Docker engine responds.
 */
// NOTE: this path has never run, because the build machines of this project have no Docker
// engine. The test suite exercises the process-based server.
final class ContainerTestServer implements RestateTestServer {

  static final String IMAGE = "docker.restate.dev/restatedev/restate:1.7";
  private static final int INGRESS_PORT = 8080;
  private static final int ADMIN_PORT = 9070;

  private final GenericContainer<?> container;

  private ContainerTestServer(GenericContainer<?> container) {
    this.container = container;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static ContainerTestServer start() {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(INGRESS_PORT, ADMIN_PORT)
            .withAccessToHost(true)
            .waitingFor(
                Wait.forHttp("/health")
                    .forPort(ADMIN_PORT)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    container.start();
    return new ContainerTestServer(container);
  }

  @Override
  public String ingressUrl() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(INGRESS_PORT);
  }

  @Override
  public String adminUrl() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(ADMIN_PORT);
  }

  @Override
  public String deploymentUri(int endpointPort) {
    // The container reaches the test JVM through a host alias that Testcontainers forwards.
    Testcontainers.exposeHostPorts(endpointPort);
    return "http://host.testcontainers.internal:" + endpointPort;
  }

  @Override
  public void stop() {
    container.stop();
  }
}
