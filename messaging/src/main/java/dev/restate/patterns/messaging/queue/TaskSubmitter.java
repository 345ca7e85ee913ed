package dev.restate.patterns.messaging.queue;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.common.Output;
import dev.restate.common.Target;
import java.time.Duration;
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

  private final Client restate;

  public TaskSubmitter(Client restate) {
    this.restate = restate;
  }

  /** Enqueues the task to start after {@code delay} (zero for now) and returns its handle. */
  public TaskHandle submit(TaskRequest task, Duration delay) {
    requirePresent("task request", task);
    requireText("id", task.id(), AsyncTaskWorker.MAX_ID_LENGTH);
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
    requireText("taskId", taskId, AsyncTaskWorker.MAX_ID_LENGTH);

    Output<String> output =
        restate.idempotentInvocationHandle(RUN_TASK, taskId, String.class).getOutput().response();
    return output.isReady()
        ? TaskStatus.completed(taskId, output.getValue())
        : TaskStatus.pending(taskId);
  }

  /** Waits for the task with this id to finish and returns its result. */
  public String awaitResult(String taskId) {
    requireText("taskId", taskId, AsyncTaskWorker.MAX_ID_LENGTH);

    return restate.idempotentInvocationHandle(RUN_TASK, taskId, String.class).attach().response();
  }

  /** Waits for the task with this invocation id to finish and returns its result. */
  public String awaitResultOfInvocation(String invocationId) {
    requireText("invocationId", invocationId);

    return restate.invocationHandle(invocationId, String.class).attach().response();
  }
}
