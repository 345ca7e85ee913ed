package dev.restate.patterns.priorityqueue;

import dev.restate.sdk.Awakeable;
import dev.restate.sdk.Context;
import dev.restate.sdk.common.TerminalException;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of the {@code queue} object: runs an operation of a handler only once the queue
 * admits it, and frees the slot afterwards.
 *
 * <p>The push, the wait and the release are steps of the calling handler's journal. If the
 * application restarts while the operation runs, Restate resumes the handler past the wait, still
 * holding its slot, instead of queueing it again.
 */
public final class QueueGate {

  private static final Logger log = LoggerFactory.getLogger(QueueGate.class);

  private final Context ctx;
  private final String queueName;

  private QueueGate(Context ctx, String queueName) {
    this.ctx = ctx;
    this.queueName = queueName;
  }

  /** Returns the gate of the queue with this name, for the handler running with {@code ctx}. */
  public static QueueGate fromContext(Context ctx, String queueName) {
    return new QueueGate(ctx, queueName);
  }

  /**
   * Waits for a slot of the queue, runs the operation and frees the slot. A terminal failure of the
   * operation frees the slot too. A cancellation while waiting takes the entry out of the queue.
   *
   * @param priority lower numbers go first
   * @param operation the work to limit, usually a {@code ctx.run} step
   */
  public <T> T run(BigDecimal priority, Supplier<T> operation) {
    WorkQueueClient.ContextClient queue = WorkQueueClient.fromContext(ctx, queueName);

    // 1. Queue up with an awakeable that the queue resolves when it admits us.
    Awakeable<Boolean> slot = ctx.awakeable(Boolean.class);
    queue.send().push(new QueueItem(slot.id(), priority));

    // 2. Wait for the slot. Only a cancellation ends this wait with an error.
    try {
      slot.await();
    } catch (TerminalException e) {
      log.info(
          "queue {}: stopped waiting (code {}: {}), dropping the entry",
          queueName,
          e.getCode(),
          e.getMessage());
      queue.send().drop(slot.id());
      throw e;
    }

    // 3. Run the operation and free the slot, also when it fails for good. Other exceptions make
    // Restate retry the handler, which keeps the slot until the operation is through.
    T result;
    try {
      result = operation.get();
    } catch (TerminalException e) {
      log.warn("queue {}: operation failed ({}), freeing its slot", queueName, e.getMessage());
      queue.send().done();
      throw e;
    }
    queue.send().done();
    return result;
  }
}
