package dev.restate.patterns.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.benchmarks.driver.HttpConnection;
import dev.restate.patterns.benchmarks.driver.LoadDriver;
import dev.restate.patterns.benchmarks.driver.LoadResult;
import dev.restate.patterns.benchmarks.driver.LoadSpec;
import dev.restate.patterns.benchmarks.driver.Request;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Scenario;
import dev.restate.patterns.support.server.RestateAdminClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measurements that time one scenario from its first request to its last effect, where a loop of
 * independent requests would not show what the pattern does.
 */
final class Scenarios {

  private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PUBLISH_BATCH = 250;

  private Scenarios() {}

  /**
   * Workload 5: sends {@code items} calls of {@code myService/expensiveMethod} one-way, each with
   * an idempotency key, then attaches to each and waits for its result. The time runs from the
   * first send to the last result, so it is the time the queue takes to drain.
   */
  static Scenario drainPriorityQueue(
      URI ingress, String prefix, int items, int clients, double loadAverage) {
    long start = System.nanoTime();

    // 1. Enqueue: one-way sends return as soon as Restate has accepted the invocation.
    AtomicInteger nextSend = new AtomicInteger();
    LoadResult sent =
        LoadDriver.run(
            counted("W5 send", ingress, clients, items),
            (client, sequence) -> {
              int item = nextSend.getAndIncrement();
              return Request.postJson(
                      "/myService/expensiveMethod/send",
                      "{\"left\": " + item + ", \"right\": 1, \"priority\": " + (item % 3) + "}")
                  .withHeader("idempotency-key", prefix + "-" + item);
            });
    requireNoErrors(sent);

    // 2. Wait for every result, attaching by idempotency key.
    AtomicInteger nextAttach = new AtomicInteger();
    LoadResult attached =
        LoadDriver.run(
            counted("W5 attach", ingress, clients, items),
            (client, sequence) ->
                new Request(
                    "GET",
                    "/restate/invocation/myService/expensiveMethod/"
                        + prefix
                        + "-"
                        + nextAttach.getAndIncrement()
                        + "/attach",
                    Map.of(),
                    new byte[0]));
    requireNoErrors(attached);

    double seconds = (System.nanoTime() - start) / 1e9;
    return new Scenario(
        "W5",
        "priority queue drains " + items + " items, in-flight limit 10",
        items,
        seconds,
        items / seconds,
        loadAverage);
  }

  /**
   * Workload 6: {@code awaiters} concurrent calls of {@code durablePromiseServer/await} on one
   * promise, then one {@code resolve}. The time runs from sending the resolve until the last
   * awaiter has its response.
   */
  static Scenario resolveDurablePromise(
      URI ingress, RestateAdminClient admin, String promiseName, int awaiters, double loadAverage) {
    String body = "{\"request\": {\"promiseName\": \"" + promiseName + "\"}}";
    AtomicLong lastResponse = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(awaiters);

    // 1. Start the awaiters, each on its own connection, and wait until all are registered.
    for (int i = 0; i < awaiters; i++) {
      Thread awaiter =
          new Thread(
              () -> {
                try (HttpConnection connection =
                    new HttpConnection(address(ingress), (int) SCENARIO_TIMEOUT.toMillis())) {
                  HttpConnection.Response response =
                      connection.send(Request.postJson("/durablePromiseServer/await", body));
                  lastResponse.accumulateAndGet(System.nanoTime(), Math::max);
                  if (response.status() != 200 || !response.bodyText().contains("\"value\"")) {
                    failures.incrementAndGet();
                  }
                } catch (IOException e) {
                  failures.incrementAndGet();
                } finally {
                  done.countDown();
                }
              },
              "awaiter-" + i);
      awaiter.setDaemon(true);
      awaiter.start();
    }
    awaitListeners(admin, promiseName, awaiters);

    // 2. Resolve once; every awaiter's awakeable completes.
    long resolveStart = System.nanoTime();
    try (HttpConnection connection =
        new HttpConnection(address(ingress), (int) SCENARIO_TIMEOUT.toMillis())) {
      HttpConnection.Response response =
          connection.send(
              Request.postJson(
                  "/durablePromiseServer/resolve",
                  "{\"request\": {\"promiseName\": \""
                      + promiseName
                      + "\", \"value\": {\"answer\": 42}}}"));
      if (response.status() != 200) {
        throw new IllegalStateException(
            "resolve of "
                + promiseName
                + " returned "
                + response.status()
                + ": "
                + response.bodyText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("resolve of " + promiseName + " failed", e);
    }
    try {
      if (!done.await(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "Not every awaiter of " + promiseName + " returned within " + SCENARIO_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the awaiters", e);
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(
          failures.get() + " awaiters of " + promiseName + " failed or got no value");
    }
    double seconds = (lastResponse.get() - resolveStart) / 1e9;
    return new Scenario(
        "W6",
        awaiters + " awaiters of one durable promise, resolve to last response",
        awaiters,
        seconds,
        awaiters / seconds,
        loadAverage);
  }

  /**
   * Workload 7: publishes {@code packages} times {@code updatesPerPackage} location updates to the
   * Kafka topic {@code package-location-updates} through the event-processing publisher, and waits
   * until every package's history has them all. The time runs from the first publish until the last
   * package is complete, so it covers Kafka, Restate's Kafka ingress and the handler.
   */
  static Scenario trackPackages(
      URI ingress,
      URI publisher,
      String prefix,
      int packages,
      int updatesPerPackage,
      double loadAverage) {
    HttpConnection ingressConnection =
        new HttpConnection(address(ingress), (int) SCENARIO_TIMEOUT.toMillis());
    HttpConnection publisherConnection =
        new HttpConnection(address(publisher), (int) SCENARIO_TIMEOUT.toMillis());
    try (ingressConnection;
        publisherConnection) {
      // 1. Register the packages; an update of an unknown package is rejected.
      for (int p = 0; p < packages; p++) {
        requireOk(
            ingressConnection.send(
                Request.postJson(
                    "/package-tracker/" + prefix + "-" + p + "/registerPackage",
                    "{\"finalDestination\": \"Bridge 6, Amsterdam\", \"locations\": []}")),
            "registerPackage");
      }

      // 2. Publish the updates in batches, round robin over the packages.
      long start = System.nanoTime();
      int total = packages * updatesPerPackage;
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < total; i++) {
        batch
            .append(prefix)
            .append('-')
            .append(i % packages)
            .append(":{\"timestamp\": \"2024-10-10 13:")
            .append(i / packages)
            .append("\", \"location\": \"hub ")
            .append(i)
            .append("\"}\n");
        if ((i + 1) % PUBLISH_BATCH == 0 || i == total - 1) {
          requireOk(
              publisherConnection.send(
                  new Request(
                      "POST",
                      "/publish/package-location-updates",
                      Map.of("Content-Type", "text/plain"),
                      batch.toString().getBytes(StandardCharsets.UTF_8))),
              "publish");
          batch.setLength(0);
        }
      }

      // 3. Wait until every package has all its locations.
      long deadline = start + SCENARIO_TIMEOUT.toNanos();
      for (int p = 0; p < packages; p++) {
        String path = "/package-tracker/" + prefix + "-" + p + "/getPackageInfo";
        while (locationCount(ingressConnection.send(Request.post(path))) < updatesPerPackage) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Package "
                    + prefix
                    + "-"
                    + p
                    + " did not get its "
                    + updatesPerPackage
                    + " updates within "
                    + SCENARIO_TIMEOUT);
          }
          sleep(20);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Scenario(
          "W7",
          "Kafka: "
              + total
              + " location updates of "
              + packages
              + " packages, publish to processed state",
          total,
          seconds,
          total / seconds,
          loadAverage);
    } catch (IOException e) {
      throw new UncheckedIOException("W7 failed", e);
    }
  }

  private static int locationCount(HttpConnection.Response response) throws IOException {
    if (response.status() != 200) {
      return 0;
    }
    return JSON.readTree(response.body()).path("locations").size();
  }

  private static void requireOk(HttpConnection.Response response, String operation) {
    if (response.status() / 100 != 2) {
      throw new IllegalStateException(
          operation + " returned " + response.status() + ": " + response.bodyText());
    }
  }

  /** Polls the promise object's state until {@code expected} listeners are registered. */
  private static void awaitListeners(RestateAdminClient admin, String promiseName, int expected) {
    long deadline = System.nanoTime() + SCENARIO_TIMEOUT.toNanos();
    String sql =
        "SELECT value_utf8 FROM state WHERE service_name = 'promises' AND service_key = '"
            + promiseName
            + "' AND key = 'listeners'";
    while (System.nanoTime() < deadline) {
      List<JsonNode> rows = admin.query(sql);
      if (!rows.isEmpty() && listenerCount(rows.get(0)) >= expected) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "The awaiters of " + promiseName + " did not all register within " + SCENARIO_TIMEOUT);
  }

  private static int listenerCount(JsonNode row) {
    try {
      return JSON.readTree(row.path("value_utf8").asText("[]")).size();
    } catch (IOException e) {
      return 0;
    }
  }

  private static LoadSpec counted(String name, URI target, int clients, int requests) {
    return new LoadSpec(
        name, target, clients, SCENARIO_TIMEOUT, requests, LoadSpec.DEFAULT_REQUEST_TIMEOUT);
  }

  private static void requireNoErrors(LoadResult result) {
    if (result.errors() > 0) {
      throw new IllegalStateException(result.summary());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a scenario", e);
    }
  }

  private static InetSocketAddress address(URI ingress) {
    return LoadSpec.timed("address", ingress, 1, Duration.ofSeconds(1)).address();
  }
}
