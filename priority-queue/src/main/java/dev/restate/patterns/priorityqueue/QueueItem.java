package dev.restate.patterns.priorityqueue;

import java.math.BigDecimal;

/**
 * An entry of the queue: the awakeable that a waiting invocation sleeps on, and its priority.
 *
 * @param awakeable the awakeable id, resolved when the queue admits the entry
 * @param priority lower numbers go first; any JSON number, as in the original demo
 */
public record QueueItem(String awakeable, BigDecimal priority) {}
