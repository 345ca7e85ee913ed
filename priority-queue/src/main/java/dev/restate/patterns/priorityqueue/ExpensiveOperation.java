package dev.restate.patterns.priorityqueue;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The expensive operation that the queue protects, simulated: it adds two numbers after a delay,
 * and fails at the configured rate.
 */
@Component
public class ExpensiveOperation {

  private static final Logger log = LoggerFactory.getLogger(ExpensiveOperation.class);

  private final PriorityQueueProperties properties;

  public ExpensiveOperation(PriorityQueueProperties properties) {
    this.properties = properties;
  }

  /** Returns {@code left + right} after the configured delay, unless the attempt fails. */
  public BigDecimal add(BigDecimal left, BigDecimal right) throws InterruptedException {
    log.info("operation {} + {}: started", left, right);
    Thread.sleep(properties.operationDuration().toMillis());
    if (ThreadLocalRandom.current().nextDouble() < properties.operationFailureRate()) {
      log.warn("[SIMULATED] operation {} + {}: failed", left, right);
      throw new IllegalStateException("[SIMULATED] the expensive operation failed");
    }
    log.info("operation {} + {}: finished", left, right);
    return left.add(right);
  }
}
