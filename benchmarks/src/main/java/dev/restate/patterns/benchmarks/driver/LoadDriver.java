package dev.restate.patterns.benchmarks.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Sends HTTP requests from a fixed number of clients for a fixed time or request count and records
 * every latency in an HDR histogram.
 *
 * <p>Each client is a thread with its own connection and histogram; the histograms are merged at
 * the end, so recording costs no synchronization. Every run stops by itself: at the spec's
 * duration, after its request limit, or when a client has failed {@link #MAX_CONSECUTIVE_ERRORS}
 * times in a row.
 */
public final class LoadDriver {

  /** A client that fails this often in a row stops; a server that is down ends the run early. */
  static final int MAX_CONSECUTIVE_ERRORS = 100;

  /** Latencies above one minute are recorded as one minute. */
  public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(1);

  public static final int SIGNIFICANT_DIGITS = 3;

  private LoadDriver() {}

  /** Runs {@code spec}, counting every 2xx response as a success. */
  public static LoadResult run(LoadSpec spec, RequestSource requests) {
    return run(spec, requests, response -> response.status() / 100 == 2);
  }

  /**
   * Runs {@code spec} and returns its throughput and latencies.
   *
   * @param expected the check a response must pass to count as a success; others count as errors
   */
  public static LoadResult run(
      LoadSpec spec, RequestSource requests, Predicate<HttpConnection.Response> expected) {
    return run(spec, requests, expected, null);
  }

  /**
   * Runs {@code spec} like {@link #run(LoadSpec, RequestSource, Predicate)} and also adds its
   * latencies, in microseconds, to {@code accumulator} unless that is null, so several runs can be
   * reported as one.
   */
  public static LoadResult run(
      LoadSpec spec,
      RequestSource requests,
      Predicate<HttpConnection.Response> expected,
      Histogram accumulator) {
    AtomicLong issued = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    // Set before the start signal; the latch makes the value visible to every client.
    AtomicLong deadline = new AtomicLong();
    for (int i = 0; i < spec.clients(); i++) {
      Histogram histogram = new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
      histograms.add(histogram);
      int client = i;
      Thread thread =
          new Thread(
              () -> {
                awaitStart(start);
                runClient(
                    spec,
                    client,
                    requests,
                    expected,
                    histogram,
                    issued,
                    errors,
                    firstError,
                    deadline.get());
              },
              "load-" + spec.name() + "-" + i);
      thread.setDaemon(true);
      clients.add(thread);
      thread.start();
    }

    long startNanos = System.nanoTime();
    deadline.set(startNanos + spec.duration().toNanos());
    start.countDown();
    for (Thread thread : clients) {
      joinUninterruptibly(thread);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;

    Histogram merged = new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    histograms.forEach(merged::add);
    if (accumulator != null) {
      accumulator.add(merged);
    }
    return LoadResult.of(
        spec.name(), spec.clients(), merged, errors.get(), firstError.get(), seconds);
  }

  private static void runClient(
      LoadSpec spec,
      int client,
      RequestSource requests,
      Predicate<HttpConnection.Response> expected,
      Histogram histogram,
      AtomicLong issued,
      AtomicLong errors,
      AtomicReference<String> firstError,
      long deadline) {
    int consecutiveErrors = 0;
    try (HttpConnection connection =
        new HttpConnection(spec.address(), (int) spec.requestTimeout().toMillis())) {
      for (long sequence = 0; System.nanoTime() < deadline; sequence++) {
        if (spec.maxRequests() > 0 && issued.getAndIncrement() >= spec.maxRequests()) {
          return;
        }
        Request request = requests.next(client, sequence);
        String error;
        long begin = System.nanoTime();
        try {
          HttpConnection.Response response = connection.send(request);
          long micros = (System.nanoTime() - begin) / 1000;
          if (expected.test(response)) {
            histogram.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
            consecutiveErrors = 0;
            continue;
          }
          error =
              request.path()
                  + " returned "
                  + response.status()
                  + ": "
                  + abbreviate(response.bodyText());
        } catch (IOException | RuntimeException e) {
          error = request.path() + " failed: " + e;
        }
        errors.incrementAndGet();
        firstError.compareAndSet(null, error);
        if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
          return;
        }
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static void awaitStart(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
