package dev.restate.patterns.benchmarks.driver;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP request of the load driver.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param path the path and query, starting with {@code /}
 * @param headers further headers, for example {@code idempotency-key}
 * @param body the body; a non-empty body is sent as {@code application/json}
 */
public record Request(String method, String path, Map<String, String> headers, byte[] body) {

  private static final byte[] NO_BODY = new byte[0];

  public Request {
    headers = Map.copyOf(headers);
  }

  /** A POST without a body, as Restate's ingress takes for a handler without input. */
  public static Request post(String path) {
    return new Request("POST", path, Map.of(), NO_BODY);
  }

  /** A POST with a JSON body. */
  public static Request postJson(String path, String json) {
    return new Request("POST", path, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a copy with one more header. */
  public Request withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new Request(method, path, more, body);
  }
}
