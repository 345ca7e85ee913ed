package dev.restate.patterns.benchmarks.apps;

import dev.restate.patterns.support.server.FreePorts;
import java.util.List;

/**
 * The restate-server that the measured applications register with, and the arguments that point a
 * pattern module at it instead of its defaults (localhost:8080 and 9070).
 *
 * @param ingressUrl the server's ingress
 * @param adminUrl the server's admin API
 */
public record AppTarget(String ingressUrl, String adminUrl) {

  /** Picks free ports for one start of an application. */
  public Endpoints newEndpoints() {
    List<Integer> ports = FreePorts.pick(2);
    return new Endpoints(ports.get(0), ports.get(1));
  }

  /**
   * Returns the Spring arguments that give the application its ports, point its Restate client and
   * local-run support at this server, and keep the support from starting a server of its own.
   */
  public List<String> applicationArguments(Endpoints endpoints) {
    return List.of(
        "--restate.sdk.http.port=" + endpoints.restatePort(),
        "--server.port=" + endpoints.webPort(),
        "--restate.client.base-uri=" + ingressUrl,
        "--restate.local.admin-url=" + adminUrl,
        "--restate.local.start-server=false");
  }

  /**
   * The ports of one application.
   *
   * @param restatePort the Restate endpoint that the server calls
   * @param webPort the Spring MVC port
   */
  public record Endpoints(int restatePort, int webPort) {

    public String webUrl() {
      return "http://127.0.0.1:" + webPort;
    }
  }
}
