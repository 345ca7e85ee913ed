package dev.restate.patterns.messaging.queue;

import static dev.restate.patterns.common.Validation.requireNotNegative;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web front of the task queue: submit a task, read its status, or wait for its result. The
 * requests share nothing but the task or invocation id, so each may come from another process.
 */
@RestController
public class TaskController {

  private final TaskSubmitter submitter;

  public TaskController(TaskSubmitter submitter) {
    this.submitter = submitter;
  }

  /** Enqueues a task, to start after {@code delayMillis} milliseconds (default now). */
  @PostMapping("/tasks")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public TaskHandle submit(
      @RequestBody TaskRequest task, @RequestParam(defaultValue = "0") long delayMillis) {
    requireNotNegative("delayMillis", delayMillis);

    return submitter.submit(task, Duration.ofMillis(delayMillis));
  }

  @GetMapping("/tasks/{taskId}")
  public TaskStatus status(@PathVariable String taskId) {
    return submitter.status(taskId);
  }

  /** Blocks until the task has finished. */
  @GetMapping("/tasks/{taskId}/result")
  public String result(@PathVariable String taskId) {
    return submitter.awaitResult(taskId);
  }

  /** Blocks until the task has finished; for a caller that kept the invocation id. */
  @GetMapping("/invocations/{invocationId}/result")
  public String resultOfInvocation(@PathVariable String invocationId) {
    return submitter.awaitResultOfInvocation(invocationId);
  }
}
