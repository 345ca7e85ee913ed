package dev.restate.patterns.messaging.queue;

/**
 * A task for the queue.
 *
 * @param id the task id, used as idempotency key: a task id runs once
 * @param task what to do, in free text
 */
public record TaskRequest(String id, String task) {}
