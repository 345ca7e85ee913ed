package dev.restate.patterns.testing;

import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerUnavailableException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one restate-server of a test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>It uses a restate-server executable found by {@link RestateServerBinary} and, only when none
 * can be had, a Docker container where a Docker engine answers.
 */
public final class SharedRestateServer {

  private static RestateTestServer server;

  private SharedRestateServer() {}

  /** Returns the JVM's server, starting it on first use. */
  public static synchronized RestateTestServer get() {
    if (server == null) {
      server = start();
      RestateTestServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "restate-server-stop"));
    }
    return server;
  }

  private static RestateTestServer start() {
    Optional<Path> binary;
    try {
      binary = RestateServerBinary.find();
    } catch (RestateServerUnavailableException e) {
      binary = Optional.empty();
      if (!ContainerTestServer.dockerAvailable()) {
        throw e;
      }
    }
    if (binary.isPresent()) {
      return ProcessTestServer.start(binary.get());
    }
    if (ContainerTestServer.dockerAvailable()) {
      return ContainerTestServer.start();
    }
    // locate() throws with the message that says what to install.
    RestateServerBinary.locate();
    throw new IllegalStateException("unreachable");
  }
}
