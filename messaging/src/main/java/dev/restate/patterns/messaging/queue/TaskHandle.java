package dev.restate.patterns.messaging.queue;

/**
 * The handle of a submitted task, with which any process can fetch its result later.
 *
 * @param taskId the task id, which is also the idempotency key of the invocation
 * @param invocationId the Restate invocation id of the task
 * @param status {@code ACCEPTED} for a new task, {@code PREVIOUSLY_ACCEPTED} when a task with this
 *     id was submitted before and this submission attached to it
 */
public record TaskHandle(String taskId, String invocationId, String status) {}
