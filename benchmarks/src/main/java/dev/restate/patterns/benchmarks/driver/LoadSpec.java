package dev.restate.patterns.benchmarks.driver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * What one load run does: how many clients send requests to which server, and when the run stops.
 *
 * <p>Each client has one connection and sends its next request as soon as the previous response
 * arrived (a closed loop, as wrk does), so {@code clients} is the number of requests in flight. The
 * run stops at {@code duration} or after {@code maxRequests} requests, whichever comes first.
 *
 * @param name the workload's name in reports
 * @param target the server's base URL; only loopback addresses are accepted
 * @param clients the number of concurrent clients, each with one connection
 * @param duration the length of the run
 * @param maxRequests the number of requests after which the run stops, or 0 for no limit
 * @param requestTimeout the time a client waits for one response before it counts an error
 */
public record LoadSpec(
    String name,
    URI target,
    int clients,
    Duration duration,
    long maxRequests,
    Duration requestTimeout) {

  /** Longest run accepted, so that a mistyped duration cannot run for hours. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(30);

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  public LoadSpec {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, got " + clients);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "duration must be positive and at most " + MAX_DURATION + ", got " + duration);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("maxRequests must be 0 or positive, got " + maxRequests);
    }
    requireLoopback(target);
  }

  /** A run of {@code duration} without a request limit. */
  public static LoadSpec timed(String name, URI target, int clients, Duration duration) {
    return new LoadSpec(name, target, clients, duration, 0, DEFAULT_REQUEST_TIMEOUT);
  }

  /** The target's host and port as a socket address. */
  public InetSocketAddress address() {
    int port = target.getPort() > 0 ? target.getPort() : 80;
    return new InetSocketAddress(target.getHost(), port);
  }

  private static void requireLoopback(URI target) {
    if (!"http".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("target must be an http:// URL, got " + target);
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "The load driver only sends to loopback addresses; "
                  + target.getHost()
                  + " resolves to "
                  + address.getHostAddress());
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Unknown host in target " + target, e);
    }
  }
}
