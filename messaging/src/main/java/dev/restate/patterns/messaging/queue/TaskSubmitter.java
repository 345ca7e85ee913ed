package dev.restate.patterns.messaging.queue;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.quote;
import static dev.restate.patterns.common.Validation.requireNoSpaces;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requirePrintableAscii;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.common.Output;
import dev.restate.common.Target;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * (Delayed) message queue: puts tasks into Restate's queue and fetches their results.
 *
 * <p>A submission is a one-way send: Restate stores the task and responds at once, without waiting
 * for the work. The task id goes along as idempotency key, so submitting the same id again, also
 * from another process, attaches to the first task instead of running a second one. With a delay,
 * Restate keeps a durable timer and starts the task when it fires, like a delayed task queue.
 */
@Component
public class TaskSubmitter {

  private static final Logger log = LoggerFactory.getLogger(TaskSubmitter.class);

  private static final Target RUN_TASK = Target.service("asyncTaskWorker", "runTask");

  /** The shape of a Restate invocation id, which the result lookup puts into a URL path. */
  private static final Pattern INVOCATION_ID = Pattern.compile("inv_[0-9A-Za-z]+");

  private final Client restate;

  public TaskSubmitter(Client restate) {
    this.restate = restate;
  }

  /** Enqueues the task to start after {@code delay} (zero for now) and returns its handle. */
  public TaskHandle submit(TaskRequest task, Duration delay) {
    requirePresent("task request", task);
    requireTaskId("id", task.id());
    requireText("task", task.task());
    requirePresent("delay", delay);
    if (delay.isNegative()) {
      throw badRequest("delay must not be negative, got " + delay);
    }

    SendResponse<String> sent =
        AsyncTaskWorkerClient.fromClient(restate)
            .send()
            .runTask(task, delay, request -> request.idempotencyKey(task.id()));

    log.info(
        "task {}: submitted as {} ({}), delay {} ms",
        task.id(),
        sent.invocationId(),
        sent.sendStatus(),
        delay.toMillis());
    return new TaskHandle(task.id(), sent.invocationId(), sent.sendStatus().name());
  }

  /** Returns whether the task has finished, and its result if so, without waiting. */
  public TaskStatus status(String taskId) {
    requireTaskId("taskId", taskId);

    Output<String> output =
        restate.idempotentInvocationHandle(RUN_TASK, taskId, String.class).getOutput().response();
    return output.isReady()
        ? TaskStatus.completed(taskId, output.getValue())
        : TaskStatus.pending(taskId);
  }

  /** Waits for the task with this id to finish and returns its result. */
  public String awaitResult(String taskId) {
    requireTaskId("taskId", taskId);

    return restate.idempotentInvocationHandle(RUN_TASK, taskId, String.class).attach().response();
  }

  /** Waits for the task with this invocation id to finish and returns its result. */
  public String awaitResultOfInvocation(String invocationId) {
    requireText("invocationId", invocationId);
    if (!INVOCATION_ID.matcher(invocationId).matches()) {
      throw badRequest(
          "invocationId must be a Restate invocation id (inv_ followed by letters and digits), got "
              + quote(invocationId));
    }

    return restate.invocationHandle(invocationId, String.class).attach().response();
  }

  /**
   * Checks a task id, which travels as the idempotency-key header of the submission and inside the
   * URL path of the status and result lookups.
   */
  // NOTE: the Restate Java client 2.4.1 writes a space in that path as '+' and the JDK's HTTP
  // client sends a header only in ASCII, so ids with such characters are rejected here.
  // Production code would use ids without them, or call the ingress with its own HTTP client.
  private static void requireTaskId(String field, String taskId) {
    requireText(field, taskId, AsyncTaskWorker.MAX_ID_LENGTH);
    requireNoSpaces(field, taskId);
    requirePrintableAscii(field, taskId);
  }
}
