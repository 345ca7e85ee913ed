package dev.restate.patterns.messaging.queue;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.springboot.RestateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (Delayed) message queue: the worker that Restate invokes for each queued task.
 *
 * <p>Every Restate handler is a durable asynchronous task. The {@link TaskSubmitter} enqueues a
 * task with a one-way send, optionally delayed, and with the task id as idempotency key. Restate
 * keeps the task and its timer across crashes, runs it once per task id, and stores the result so
 * that any process can attach to it later. The module README walks through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("asyncTaskWorker")
public class AsyncTaskWorker {

  private static final Logger log = LoggerFactory.getLogger(AsyncTaskWorker.class);

  /** Maximum length of a task id, which is also the idempotency key. */
  static final int MAX_ID_LENGTH = 256;

  private final TaskQueueProperties properties;

  public AsyncTaskWorker(TaskQueueProperties properties) {
    this.properties = properties;
  }

  /** Runs the task and returns its result. */
  @Handler
  public String runTask(Context ctx, TaskRequest task) {
    requirePresent("task request", task);
    requireText("id", task.id(), MAX_ID_LENGTH);
    requireText("task", task.task());

    // One durable step: Restate records its result, so a retry after the step finished does
    // not do the work again.
    log.info("task {}: started ({})", task.id(), task.task());
    String result = ctx.run("do heavy work", String.class, () -> doHeavyWork(task));

    log.info("task {}: finished with {}", task.id(), result);
    return result;
  }

  /** Simulates heavy work: sleeps for the configured time and returns the task as done. */
  private String doHeavyWork(TaskRequest task) throws InterruptedException {
    Thread.sleep(properties.workDuration().toMillis());
    return task.task() + ": DONE";
  }
}
