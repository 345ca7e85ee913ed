package dev.restate.patterns.priorityqueue;

import static dev.restate.patterns.common.Validation.requireAwakeableId;
import static dev.restate.patterns.common.Validation.requirePresent;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateVirtualObject;
import dev.restate.serde.TypeRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Priority queue with an in-flight limit: a virtual object keyed by queue name that admits at most
 * a configured number of operations at a time.
 *
 * <p>A caller pushes an entry with the id of an awakeable it waits on. Whenever a slot is free, the
 * queue admits the waiting entry with the lowest priority number, the earliest among equals, by
 * resolving its awakeable. The caller reports {@code done} when its operation ends, or {@code drop}
 * when it gives up waiting. Restate runs one handler per queue at a time, so the count of
 * operations in flight never races. {@link QueueGate} is the caller's side; the module README shows
 * the demo.
 */
// NOTE: push, done and drop are public on the ingress, so a caller outside QueueGate can free a
// slot with done, or with drop of an id shaped like an awakeable id, while an operation runs.
// Production code would make them ingress-private, since QueueGate calls them from inside Restate.
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("queue")
public class WorkQueue {

  private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

  private static final StateKey<List<QueueItem>> ITEMS =
      StateKey.of("items", new TypeRef<List<QueueItem>>() {});
  private static final StateKey<Integer> IN_FLIGHT = StateKey.of("inFlight", Integer.class);

  private final PriorityQueueProperties properties;

  public WorkQueue(PriorityQueueProperties properties) {
    this.properties = properties;
  }

  /** Adds an entry, and admits entries while slots are free. */
  @Handler
  public void push(ObjectContext ctx, QueueItem item) {
    requirePresent("item", item);
    // A malformed id would fail the tick that admits it, and Restate would retry that tick for
    // ever while the queue admits nothing, so it is rejected before it is queued.
    requireAwakeableId("awakeable", item.awakeable());
    requirePresent("priority", item.priority());

    QueueState state = load(ctx).push(item);
    save(ctx, tick(ctx, state));
  }

  /** Frees the slot of an operation that ended, successfully or not, and admits the next entry. */
  @Handler
  public void done(ObjectContext ctx) {
    QueueState state = load(ctx);

    // 1. A done without an admitted operation would open an extra slot, so it changes nothing.
    if (state.inFlight() == 0) {
      log.warn("queue {}: done without an operation in flight, ignored", ctx.key());
      return;
    }

    // 2. Free the slot and hand it on.
    save(ctx, tick(ctx, state.release()));
  }

  /**
   * Removes the entry of a caller that stopped waiting. An entry that the queue admitted already
   * occupies a slot, so for such an entry the slot is freed, as by {@code done}.
   */
  @Handler
  public void drop(ObjectContext ctx, String awakeableId) {
    requireAwakeableId("awakeableId", awakeableId);

    QueueState state = load(ctx);
    var waiting = state.find(awakeableId);
    if (waiting.isPresent()) {
      log.info("queue {}: dropping a waiting entry", ctx.key());
      state = state.remove(waiting.get());
    } else if (state.inFlight() > 0) {
      log.info("queue {}: dropping an admitted entry, freeing its slot", ctx.key());
      state = state.release();
    }
    save(ctx, tick(ctx, state));
  }

  /**
   * Admits waiting entries while slots are free, and logs the queue length, the operations in
   * flight and the priorities admitted in this tick.
   */
  private QueueState tick(ObjectContext ctx, QueueState state) {
    List<BigDecimal> admittedPriorities = new ArrayList<>();
    while (state.inFlight() < properties.maxInFlight()) {
      var next = state.next();
      if (next.isEmpty()) {
        break;
      }
      state = state.admit(next.get());
      ctx.awakeableHandle(next.get().awakeable()).resolve(Boolean.class, true);
      admittedPriorities.add(next.get().priority());
    }
    log.info(
        "queue {}: tick end, queue length {}, in flight {}, admitted priorities {}",
        ctx.key(),
        state.items().size(),
        state.inFlight(),
        admittedPriorities);
    return state;
  }

  private static QueueState load(ObjectContext ctx) {
    return new QueueState(ctx.get(ITEMS).orElse(List.of()), ctx.get(IN_FLIGHT).orElse(0));
  }

  private static void save(ObjectContext ctx, QueueState state) {
    ctx.set(ITEMS, state.items());
    ctx.set(IN_FLIGHT, state.inFlight());
  }
}
