package dev.restate.patterns.priorityqueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The waiting entries of a queue, in arrival order, and the number of admitted operations that have
 * not finished. Every change returns a new state.
 */
record QueueState(List<QueueItem> items, int inFlight) {

  QueueState {
    items = List.copyOf(items);
  }

  QueueState push(QueueItem item) {
    List<QueueItem> pushed = new ArrayList<>(items);
    pushed.add(item);
    return new QueueState(pushed, inFlight);
  }

  /**
   * Returns the entry to admit next: the lowest priority number, and the earliest arrival among
   * equal priorities.
   */
  // NOTE: a production queue may want fairness on top, for example aging, so that a steady stream
  // of
  // urgent entries cannot starve the others forever. Replace this selection to add it.
  Optional<QueueItem> next() {
    QueueItem best = null;
    for (QueueItem item : items) {
      if (best == null || item.priority().compareTo(best.priority()) < 0) {
        best = item;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Moves the entry from the waiting entries to the operations in flight. */
  QueueState admit(QueueItem item) {
    return new QueueState(without(item), inFlight + 1);
  }

  /** Takes a waiting entry out without admitting it. */
  QueueState remove(QueueItem item) {
    return new QueueState(without(item), inFlight);
  }

  /** Frees the slot of a finished operation. */
  QueueState release() {
    return new QueueState(items, inFlight - 1);
  }

  Optional<QueueItem> find(String awakeable) {
    return items.stream().filter(item -> item.awakeable().equals(awakeable)).findFirst();
  }

  private List<QueueItem> without(QueueItem item) {
    List<QueueItem> remaining = new ArrayList<>(items);
    remaining.remove(item);
    return remaining;
  }
}
