package dev.restate.patterns.messaging.fanout;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.DurableFuture;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.springboot.RestateService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parallelizing work: splits a task into subtasks, runs them in parallel and gathers their results,
 * also known as fan-out, fan-in.
 *
 * <p>Each subtask is a call of {@code runSubtask}, its own durable invocation, so the subtasks run
 * concurrently and each is retried on its own. Restate records the calls and their results in the
 * journal of {@code run}: after a crash, {@code run} resumes waiting for the subtasks that are left
 * instead of starting all of them again. The module README walks through the demo.
 *
 * <pre>
 *              split task
 *       /          |          \
 *  runSubtask  runSubtask  runSubtask   (in parallel)
 *       \          |          /
 *              aggregate
 * </pre>
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("worker")
public class FanOutWorker {

  private static final Logger log = LoggerFactory.getLogger(FanOutWorker.class);

  /**
   * Maximum number of subtasks of one task, so that one request cannot start an unbounded fan-out.
   */
  static final int MAX_SUBTASKS = 100;

  private final FanOutProperties properties;

  public FanOutWorker(FanOutProperties properties) {
    this.properties = properties;
  }

  /** A task: a comma-separated list of subtask descriptions. */
  public record Task(String description) {}

  /** One part of a task. */
  public record SubTask(String description) {}

  /** The result of one subtask. */
  public record SubTaskResult(String description) {}

  /** The aggregated results of all subtasks, in the order of the task's description. */
  public record Result(String description) {}

  /** Runs the subtasks of the task in parallel and returns their results joined by commas. */
  @Handler
  public Result run(Context ctx, Task task) {
    List<SubTask> subtasks = split(task);

    // 1. Fan out: start all subtasks before waiting for any of them.
    log.info("task '{}': split into {} subtasks", task.description(), subtasks.size());
    FanOutWorkerClient.ContextClient worker = FanOutWorkerClient.fromContext(ctx);
    List<DurableFuture<SubTaskResult>> futures = new ArrayList<>();
    for (SubTask subtask : subtasks) {
      futures.add(worker.runSubtask(subtask));
    }

    // 2. Fan in: wait for all, then aggregate in the order of the input.
    DurableFuture.all(new ArrayList<>(futures)).await();
    String aggregate =
        futures.stream()
            .map(future -> future.await().description())
            .collect(Collectors.joining(","));
    log.info("task '{}': aggregated result {}", task.description(), aggregate);
    return new Result(aggregate);
  }

  /** Runs one subtask: sleeps a random time within the configured bounds. */
  @Handler
  public SubTaskResult runSubtask(Context ctx, SubTask subtask) {
    requirePresent("subtask", subtask);
    requireText("description", subtask.description());

    // A durable timer: a crash during the sleep does not restart it from the beginning.
    Duration sleep = randomSleep(ctx);
    log.info("subtask {}: started, takes {} ms", subtask.description(), sleep.toMillis());
    ctx.sleep(sleep);

    log.info("subtask {}: finished", subtask.description());
    return new SubTaskResult(subtask.description() + ": DONE");
  }

  /** Splits the description at commas; rejects an empty part or too many parts with a 400. */
  private static List<SubTask> split(Task task) {
    requirePresent("task", task);
    requireText("description", task.description());
    String[] parts = task.description().split(",", -1);
    if (parts.length > MAX_SUBTASKS) {
      throw badRequest(
          "description must have at most "
              + MAX_SUBTASKS
              + " comma-separated subtasks, got "
              + parts.length);
    }
    List<SubTask> subtasks = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw badRequest("description has an empty subtask at position " + (i + 1));
      }
      subtasks.add(new SubTask(part));
    }
    return subtasks;
  }

  /** Draws the sleep from Restate's random, which replays the same value after a retry. */
  private Duration randomSleep(Context ctx) {
    long min = properties.minSubtaskSleep().toMillis();
    long max = properties.maxSubtaskSleep().toMillis();
    long millis = min + (long) (ctx.random().nextDouble() * (max - min + 1));
    return Duration.ofMillis(Math.min(millis, max));
  }
}
