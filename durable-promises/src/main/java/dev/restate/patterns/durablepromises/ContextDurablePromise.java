package dev.restate.patterns.durablepromises;

import dev.restate.sdk.Awakeable;
import dev.restate.sdk.Context;
import dev.restate.sdk.common.TerminalException;
import java.util.Optional;

/**
 * A {@link DurablePromise} used inside a handler: it calls the {@code promises} virtual object
 * directly and waits on an awakeable of the calling handler, so every step is in that handler's
 * journal and a retry replays it instead of repeating it.
 */
final class ContextDurablePromise<T> implements DurablePromise<T> {

  private final Context ctx;
  private final String promiseId;
  private final PromiseValues<T> values;

  ContextDurablePromise(Context ctx, String promiseId, Class<T> type) {
    this.ctx = ctx;
    this.promiseId = promiseId;
    this.values = new PromiseValues<>(promiseId, type);
  }

  @Override
  public String id() {
    return promiseId;
  }

  @Override
  public T get() {
    Awakeable<PromiseResult> listener = ctx.awakeable(PromiseResult.class);
    promise().await(listener.id()).await();
    PromiseResult result;
    try {
      result = listener.await();
    } catch (TerminalException e) {
      // Dispose rejects the awakeable; a cancellation of the handler stays a cancellation.
      if (e.getCode() == TerminalException.CANCELLED_CODE) {
        throw e;
      }
      throw new DurablePromiseRejectedException(promiseId, e.getMessage());
    }
    return values.valueOf(result);
  }

  @Override
  public Optional<T> peek() {
    return values.peekedValueOf(promise().peek().await());
  }

  @Override
  public T resolve(T value) {
    return values.valueOf(promise().resolve(values.toJson(value)).await());
  }

  @Override
  public T reject(String errorMessage) {
    return values.valueOf(promise().reject(errorMessage).await());
  }

  private DurablePromiseObjectClient.ContextClient promise() {
    return DurablePromiseObjectClient.fromContext(ctx, promiseId);
  }
}
