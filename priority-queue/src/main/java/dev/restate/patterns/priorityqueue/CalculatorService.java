package dev.restate.patterns.priorityqueue;

import static dev.restate.patterns.common.Validation.requirePresent;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.RetryPolicy;
import dev.restate.sdk.springboot.RestateService;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Priority queue with an in-flight limit, the caller's side: a service whose expensive method runs
 * only when the {@code queue} object admits it.
 *
 * <p>Each call queues up under the name {@code myService/expensiveMethod} with its priority, waits
 * suspended until admitted, then runs the operation as a durable step. So however many calls
 * arrive, at most the configured number of operations run at once. The module README shows the
 * demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("myService")
public class CalculatorService {

  /** The queue that every call of {@code expensiveMethod} waits in. */
  // NOTE: one virtual object runs every push, done and drop of this queue one after the other, so
  // its admission rate has a ceiling. A busier system would split the limit over several queue
  // keys.
  static final String QUEUE_NAME = "myService/expensiveMethod";

  static final BigDecimal DEFAULT_PRIORITY = BigDecimal.ONE;

  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);

  private final ExpensiveOperation operation;
  private final PriorityQueueProperties properties;

  public CalculatorService(ExpensiveOperation operation, PriorityQueueProperties properties) {
    this.operation = operation;
    this.properties = properties;
  }

  /** Returns left plus right, computed once the queue has a slot for this call. */
  @Handler
  public BigDecimal expensiveMethod(Context ctx, ExpensiveRequest request) {
    requirePresent("request", request);
    BigDecimal left = requirePresent("left", request.left());
    BigDecimal right = requirePresent("right", request.right());
    BigDecimal priority = request.priority() == null ? DEFAULT_PRIORITY : request.priority();

    RetryPolicy retries =
        RetryPolicy.exponential(FIRST_RETRY_DELAY, 2)
            .setMaxAttempts(properties.operationMaxAttempts());
    return QueueGate.fromContext(ctx, QUEUE_NAME)
        .run(
            priority,
            () ->
                ctx.run(
                    "expensive operation",
                    BigDecimal.class,
                    retries,
                    () -> operation.add(left, right)));
  }
}
