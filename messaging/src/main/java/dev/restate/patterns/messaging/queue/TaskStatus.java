package dev.restate.patterns.messaging.queue;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a task has finished, read without waiting for it.
 *
 * @param taskId the task id
 * @param status {@code PENDING} while the task waits for its delay or runs, {@code COMPLETED} after
 *     it finished
 * @param result the task's result once completed, otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(String taskId, String status, String result) {

  static TaskStatus pending(String taskId) {
    return new TaskStatus(taskId, "PENDING", null);
  }

  static TaskStatus completed(String taskId, String result) {
    return new TaskStatus(taskId, "COMPLETED", result);
  }
}
