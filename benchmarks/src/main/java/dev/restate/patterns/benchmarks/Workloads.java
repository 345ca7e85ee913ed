package dev.restate.patterns.benchmarks;

import dev.restate.patterns.benchmarks.driver.HttpConnection;
import dev.restate.patterns.benchmarks.driver.Request;
import dev.restate.patterns.benchmarks.driver.RequestSource;
import java.util.function.Predicate;

/**
 * The request loops of the benchmark. Keys start with a prefix unique to the run and the
 * application, so state left by an earlier run or application never changes an answer.
 */
final class Workloads {

  private Workloads() {}

  /**
   * A request loop.
   *
   * @param id the short id in reports, for example {@code W1}
   * @param description what it does
   * @param requests the requests
   * @param expected the check a response must pass to count as a success
   * @param throughWebPort whether the requests go to the application's web port instead of the
   *     Restate ingress
   * @param clients the number of concurrent clients, or 0 for the run's setting
   */
  record Workload(
      String id,
      String description,
      RequestSource requests,
      Predicate<HttpConnection.Response> expected,
      boolean throughWebPort,
      int clients) {

    Workload(
        String id,
        String description,
        RequestSource requests,
        Predicate<HttpConnection.Response> expected,
        boolean throughWebPort) {
      this(id, description, requests, expected, throughWebPort, 0);
    }

    /** Returns a copy with {@code count} concurrent clients, named as such. */
    Workload withClients(int count) {
      return new Workload(
          id,
          description + ", " + count + (count == 1 ? " client" : " clients"),
          requests,
          expected,
          throughWebPort,
          count);
    }
  }

  /** The floor: the no-op handler, a new key per request. */
  static Workload floorDistinctKeys(String prefix) {
    return new Workload(
        "F1",
        "no-op handler, distinct keys",
        (client, sequence) -> Request.post("/noop/" + key(prefix, client, sequence) + "/call"),
        Workloads::isTrue,
        false);
  }

  /** The floor on one key: every call waits for the previous one of that key. */
  static Workload floorOneKey(String prefix) {
    String path = "/noop/" + prefix + "-hot/call";
    return new Workload(
        "F2",
        "no-op handler, one key",
        (client, sequence) -> Request.post(path),
        Workloads::isTrue,
        false);
  }

  /** Workload 1: {@code product/reserve} through the ingress, a new product per request. */
  static Workload reserveDistinctKeys(String prefix) {
    return reserveDistinctKeys(prefix, "product");
  }

  /** Workload 1 against {@code service}, a copy of the product object under another name. */
  static Workload reserveDistinctKeys(String prefix, String service) {
    return new Workload(
        "W1",
        "product/reserve, distinct keys",
        (client, sequence) ->
            Request.post("/" + service + "/" + key(prefix, client, sequence) + "/reserve"),
        Workloads::isTrue,
        false);
  }

  /** Workload 2: {@code product/reserve} on one product, serialized by its virtual object. */
  static Workload reserveOneKey(String prefix) {
    return reserveOneKey(prefix, "product");
  }

  /** Workload 2 against {@code service}, a copy of the product object under another name. */
  static Workload reserveOneKey(String prefix, String service) {
    String path = "/" + service + "/" + prefix + "-hot/reserve";
    return new Workload(
        "W2",
        "product/reserve, one key",
        (client, sequence) -> Request.post(path),
        response -> response.status() == 200,
        false);
  }

  /** Workload 3: the Spring controller, which calls {@code product/reserve} through the ingress. */
  static Workload reserveThroughController(String prefix) {
    return new Workload(
        "W3",
        "POST /reserve controller, distinct keys",
        (client, sequence) -> {
          String key = key(prefix, client, sequence);
          return Request.post("/reserve/" + key + "/r-" + key);
        },
        Workloads::isTrue,
        true);
  }

  /**
   * Workload 4: {@code worker/run} with a task of {@code subtasks} parts; each request fans out to
   * that many {@code runSubtask} invocations and waits for all of them.
   */
  static Workload fanOut(int subtasks) {
    StringBuilder description = new StringBuilder();
    for (int i = 1; i <= subtasks; i++) {
      description.append(i == 1 ? "" : ",").append("s").append(i);
    }
    String body = "{\"description\": \"" + description + "\"}";
    return new Workload(
        "W4",
        "worker/run, fan-out to " + subtasks + " subtasks",
        (client, sequence) -> Request.postJson("/worker/run", body),
        response -> response.status() == 200 && response.bodyText().contains("DONE"),
        false);
  }

  private static String key(String prefix, int client, long sequence) {
    return prefix + "-" + client + "-" + sequence;
  }

  private static boolean isTrue(HttpConnection.Response response) {
    return response.status() == 200 && response.bodyText().trim().equals("true");
  }
}
