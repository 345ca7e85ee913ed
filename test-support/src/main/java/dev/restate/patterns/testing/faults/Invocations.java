package dev.restate.patterns.testing.faults;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.serde.Serde;
import dev.restate.serde.TypeTag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Waits for invocations to end, through the ingress, while the Restate server or the application
 * may still be coming back. Connection errors and the ingress's unavailable responses are retried
 * until the timeout, and every other response is the invocation's outcome.
 */
public final class Invocations {

  /** Ingress status codes that mean the server is not ready yet, not that the invocation failed. */
  private static final Set<Integer> UNAVAILABLE_CODES = Set.of(-1, 502, 503, 504);

  private static final Duration RETRY_DELAY = Duration.ofMillis(500);

  private Invocations() {}

  /**
   * The outcome of an ended invocation.
   *
   * @param value the output, when it succeeded
   * @param failureCode the status code of the terminal error, or 0 when it succeeded
   * @param failure the ingress's response body for the terminal error, or null when it succeeded
   */
  public record Outcome<T>(String invocationId, T value, int failureCode, String failure) {

    public boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * Waits for each invocation in turn and returns their outcomes, with the output as raw bytes, in
   * the same order. It suits invocations of different handlers, void ones included.
   */
  public static List<Outcome<byte[]>> awaitAll(
      Client client, List<String> invocationIds, Duration timeout) {
    return awaitAll(client, invocationIds, TypeTag.of(Serde.RAW), timeout);
  }

  /** Waits for each invocation in turn and returns their outcomes in the same order. */
  public static <T> List<Outcome<T>> awaitAll(
      Client client, List<String> invocationIds, Class<T> type, Duration timeout) {
    return awaitAll(client, invocationIds, TypeTag.of(type), timeout);
  }

  private static <T> List<Outcome<T>> awaitAll(
      Client client, List<String> invocationIds, TypeTag<T> type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome<T>> outcomes = new ArrayList<>();
    for (String invocationId : invocationIds) {
      outcomes.add(await(client, invocationId, type, deadline));
    }
    return outcomes;
  }

  /** Waits for the invocation to end and returns its outcome. */
  public static <T> Outcome<T> await(
      Client client, String invocationId, Class<T> type, Duration timeout) {
    return await(client, invocationId, TypeTag.of(type), System.nanoTime() + timeout.toNanos());
  }

  private static <T> Outcome<T> await(
      Client client, String invocationId, TypeTag<T> type, long deadlineNanos) {
    while (true) {
      try {
        T value = client.invocationHandle(invocationId, type).attach().response();
        return new Outcome<>(invocationId, value, 0, null);
      } catch (IngressException e) {
        if (!UNAVAILABLE_CODES.contains(e.getStatusCode())) {
          byte[] body = e.getResponseBody();
          return new Outcome<>(
              invocationId,
              null,
              e.getStatusCode(),
              body == null ? e.getMessage() : new String(body, StandardCharsets.UTF_8));
        }
        if (System.nanoTime() > deadlineNanos) {
          throw new IllegalStateException(
              "Invocation " + invocationId + " did not end in time: " + e.getMessage(), e);
        }
      }
      try {
        Thread.sleep(RETRY_DELAY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + invocationId, e);
      }
    }
  }
}
