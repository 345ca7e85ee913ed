package dev.restate.patterns.durablepromises;

import static dev.restate.patterns.common.Validation.requireAwakeableId;
import static dev.restate.patterns.common.Validation.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateVirtualObject;
import dev.restate.serde.TypeRef;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable promises: the virtual object behind one promise, keyed by the promise id.
 *
 * <p>It stores the outcome (a value or an error message) and the awakeable ids of the listeners
 * that wait for it. The first resolve or reject wins; later ones change nothing and return the
 * stored outcome. Completing the promise resolves every listening awakeable with that outcome.
 * Restate runs one handler per promise id at a time, so two completions cannot both win. Callers
 * outside Restate use {@link DurablePromiseServer}; the module README shows both.
 */
// NOTE: a completed promise keeps its outcome until someone calls dispose. Production code would
// also clear old promises, for example with a delayed dispose sent when the promise completes.
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("promises")
public class DurablePromiseObject {

  private static final Logger log = LoggerFactory.getLogger(DurablePromiseObject.class);

  private static final StateKey<PromiseCompletion> VALUE =
      StateKey.of("value", PromiseCompletion.class);
  private static final StateKey<List<String>> LISTENERS =
      StateKey.of("listeners", new TypeRef<List<String>>() {});

  /** Resolves the promise unless it is completed already, and returns the stored outcome. */
  @Handler
  public PromiseResult resolve(ObjectContext ctx, JsonNode value) {
    return complete(ctx, PromiseCompletion.resolved(value));
  }

  /** Rejects the promise unless it is completed already, and returns the stored outcome. */
  @Handler
  public PromiseResult reject(ObjectContext ctx, String errorMessage) {
    requireText("errorMessage", errorMessage);
    return complete(ctx, PromiseCompletion.rejected(errorMessage));
  }

  /** Returns the outcome, or an open result while the promise is not completed. */
  @Shared
  public PromiseResult peek(SharedObjectContext ctx) {
    return ctx.get(VALUE)
        .map(completion -> completion.toResult(ctx.key()))
        .orElseGet(() -> PromiseResult.open(ctx.key()));
  }

  /**
   * Registers the awakeable of a listener, which gets the outcome once the promise completes. For a
   * completed promise it resolves the awakeable at once. Returns the outcome or an open result.
   */
  @Handler
  public PromiseResult await(ObjectContext ctx, String awakeableId) {
    // A malformed id would fail every later completion of this promise, and Restate would retry
    // that completion for ever, so it is rejected before it is stored.
    requireAwakeableId("awakeableId", awakeableId);
    String promiseId = ctx.key();

    // 1. A completed promise resolves the listener's awakeable right away.
    var completion = ctx.get(VALUE);
    if (completion.isPresent()) {
      PromiseResult result = completion.get().toResult(promiseId);
      ctx.awakeableHandle(awakeableId).resolve(PromiseResult.class, result);
      return result;
    }

    // 2. Otherwise the listener waits in state until a completion arrives.
    List<String> listeners = new ArrayList<>(ctx.get(LISTENERS).orElse(List.of()));
    listeners.add(awakeableId);
    ctx.set(LISTENERS, listeners);
    log.info("promise {}: listener added, listeners waiting: {}", promiseId, listeners.size());
    return PromiseResult.open(promiseId);
  }

  /** Rejects the listeners still waiting and clears the promise, so its id can be used again. */
  @Handler
  public void dispose(ObjectContext ctx) {
    String promiseId = ctx.key();

    // 1. Listeners of an open promise would otherwise wait forever.
    List<String> listeners = ctx.get(LISTENERS).orElse(List.of());
    for (String awakeableId : listeners) {
      ctx.awakeableHandle(awakeableId).reject(disposedMessage(promiseId));
    }

    // 2. Forget the outcome and the listeners.
    ctx.clear(VALUE);
    ctx.clear(LISTENERS);
    log.info("promise {}: disposed, waiting listeners rejected: {}", promiseId, listeners.size());
  }

  /** Returns the error message that listeners of a disposed promise receive. */
  static String disposedMessage(String promiseId) {
    return "promise " + promiseId + " was disposed";
  }

  private static PromiseResult complete(ObjectContext ctx, PromiseCompletion completion) {
    String promiseId = ctx.key();

    // 1. The first completion wins; a later one returns the stored outcome.
    var previous = ctx.get(VALUE);
    if (previous.isPresent()) {
      log.info("promise {}: already completed, keeping the first outcome", promiseId);
      return previous.get().toResult(promiseId);
    }

    // 2. Store the outcome and hand it to every waiting listener in the same step.
    PromiseResult result = completion.toResult(promiseId);
    ctx.set(VALUE, completion);
    List<String> listeners = ctx.get(LISTENERS).orElse(List.of());
    for (String awakeableId : listeners) {
      ctx.awakeableHandle(awakeableId).resolve(PromiseResult.class, result);
    }
    ctx.clear(LISTENERS);
    log.info(
        "promise {}: {}, listeners notified: {}",
        promiseId,
        completion.isRejected() ? "rejected" : "resolved",
        listeners.size());
    return result;
  }
}
