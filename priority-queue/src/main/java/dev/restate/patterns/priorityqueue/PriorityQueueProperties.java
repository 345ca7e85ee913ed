package dev.restate.patterns.priorityqueue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the priority queue and of its demo operation. The defaults are those of the original
 * TypeScript demo, which never fails.
 *
 * @param maxInFlight how many operations the queue admits at the same time
 * @param operationDuration how long one expensive operation takes
 * @param operationFailureRate probability, from 0 to 1, that one attempt of the operation fails
 * @param operationMaxAttempts attempts of the operation, the first one included, before the call
 *     fails for good and frees its slot
 */
@ConfigurationProperties("demo.priority-queue")
public record PriorityQueueProperties(
    @DefaultValue("10") int maxInFlight,
    @DefaultValue("5s") Duration operationDuration,
    @DefaultValue("0") double operationFailureRate,
    @DefaultValue("3") int operationMaxAttempts) {

  public PriorityQueueProperties {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "demo.priority-queue.max-in-flight must be at least 1, got " + maxInFlight);
    }
    if (operationDuration.isNegative()) {
      throw new IllegalArgumentException(
          "demo.priority-queue.operation-duration must not be negative, got " + operationDuration);
    }
    if (operationFailureRate < 0 || operationFailureRate > 1) {
      throw new IllegalArgumentException(
          "demo.priority-queue.operation-failure-rate must be between 0 and 1, got "
              + operationFailureRate);
    }
    if (operationMaxAttempts < 1) {
      throw new IllegalArgumentException(
          "demo.priority-queue.operation-max-attempts must be at least 1, got "
              + operationMaxAttempts);
    }
  }
}
