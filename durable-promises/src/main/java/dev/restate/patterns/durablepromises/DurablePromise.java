package dev.restate.patterns.durablepromises;

import dev.restate.client.Client;
import dev.restate.sdk.Context;
import java.util.Optional;

/**
 * A promise that outlives processes: identified by an id, completed at most once, awaited by any
 * number of listeners in any process, before or after the completion.
 *
 * <p>Get one through the ingress client from any process with {@link #fromClient}, or inside a
 * Restate handler with {@link #fromContext}, where every call is a durable step of the handler.
 * Values travel as JSON, converted to and from {@code T} with Jackson.
 *
 * @param <T> the type of the value
 */
public interface DurablePromise<T> {

  /** Returns the id of the promise. */
  String id();

  /**
   * Waits until the promise completes and returns its value.
   *
   * @throws DurablePromiseRejectedException if the promise was rejected, or disposed while waiting
   */
  T get();

  /**
   * Returns the value of a resolved promise without waiting, or empty while the promise is open. A
   * promise that a curl command resolved with JSON null also reads as empty.
   *
   * @throws DurablePromiseRejectedException if the promise was rejected
   */
  Optional<T> peek();

  /**
   * Resolves the promise unless it is completed already, and returns its value: ours if we were
   * first, else the earlier one.
   *
   * @param value the value; must not be null, so that {@link #peek} can tell an open promise
   * @throws DurablePromiseRejectedException if the promise was rejected earlier
   */
  T resolve(T value);

  /**
   * Rejects the promise unless it is completed already. Returns the value of a promise that was
   * resolved earlier.
   *
   * @throws DurablePromiseRejectedException with our message if we were first, else with the
   *     earlier one
   */
  T reject(String errorMessage);

  /**
   * Returns the promise of this id, reached through the Restate ingress that {@code client} calls.
   */
  static <T> DurablePromise<T> fromClient(Client client, String promiseId, Class<T> type) {
    return new IngressDurablePromise<>(client, promiseId, type);
  }

  /** Returns the promise of this id for use inside a handler running with {@code ctx}. */
  static <T> DurablePromise<T> fromContext(Context ctx, String promiseId, Class<T> type) {
    return new ContextDurablePromise<>(ctx, promiseId, type);
  }
}
