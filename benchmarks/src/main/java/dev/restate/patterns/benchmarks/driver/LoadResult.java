package dev.restate.patterns.benchmarks.driver;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one load run. Latencies are in milliseconds, measured per request from writing the
 * request to reading the last byte of the response.
 *
 * @param name the workload's name
 * @param clients the number of concurrent clients
 * @param requests the requests that got the expected response
 * @param errors the requests that failed: a connection error, a timeout or an unexpected response
 * @param firstError the first error's description, or null when there was none
 * @param seconds the wall-clock length of the run
 * @param throughput successful requests per second
 * @param meanMillis the mean latency of successful requests
 * @param p50Millis the median latency
 * @param p90Millis the 90th percentile
 * @param p99Millis the 99th percentile
 * @param maxMillis the maximum latency
 */
public record LoadResult(
    String name,
    int clients,
    long requests,
    long errors,
    String firstError,
    double seconds,
    double throughput,
    double meanMillis,
    double p50Millis,
    double p90Millis,
    double p99Millis,
    double maxMillis) {

  /** Builds a result from a histogram of latencies in microseconds. */
  public static LoadResult of(
      String name, int clients, Histogram micros, long errors, String firstError, double seconds) {
    long requests = micros.getTotalCount();
    return new LoadResult(
        name,
        clients,
        requests,
        errors,
        firstError,
        seconds,
        seconds > 0 ? requests / seconds : 0,
        micros.getMean() / 1000.0,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  /** One line for logs: throughput, percentiles and errors. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d requests in %.1f s = %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f"
            + " ms, %d errors%s",
        name,
        requests,
        seconds,
        throughput,
        p50Millis,
        p90Millis,
        p99Millis,
        maxMillis,
        errors,
        firstError == null ? "" : " (first: " + firstError + ")");
  }
}
