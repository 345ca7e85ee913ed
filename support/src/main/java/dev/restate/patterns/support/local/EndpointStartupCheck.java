package dev.restate.patterns.support.local;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Fails the start of the application when the port of the Restate endpoint is taken.
 *
 * <p>SDK 2.4.1 only logs an error when its endpoint cannot listen and lets the application run on
 * without it, which then looks healthy but serves nothing. This check runs just before the endpoint
 * starts and binds the port once to find out.
 */
public class EndpointStartupCheck implements SmartLifecycle {

  static final String PORT_PROPERTY = "restate.sdk.http.port";
  private static final int DEFAULT_PORT = 9080;

  private final Environment environment;
  private volatile boolean running;

  public EndpointStartupCheck(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void start() {
    int port = environment.getProperty(PORT_PROPERTY, Integer.class, DEFAULT_PORT);
    if (port != 0) {
      try (ServerSocket probe = new ServerSocket(port)) {
        // Free: closing the probe hands the port to the endpoint.
      } catch (IOException e) {
        throw new IllegalStateException(
            "The Restate endpoint cannot listen on port "
                + port
                + " ("
                + e.getMessage()
                + "): another process uses it. Stop that process or choose another port with "
                + PORT_PROPERTY
                + "=<port>.",
            e);
      }
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Just before the endpoint, which starts in the default (last) phase. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1;
  }
}
