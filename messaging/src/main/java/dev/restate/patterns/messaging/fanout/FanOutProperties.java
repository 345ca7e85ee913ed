package dev.restate.patterns.messaging.fanout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo settings of the fan-out worker. Each subtask sleeps a random time between the two bounds,
 * drawn from Restate's deterministic random; equal bounds give every subtask the same time.
 *
 * @param minSubtaskSleep the shortest time a subtask sleeps
 * @param maxSubtaskSleep the longest time a subtask sleeps
 */
@ConfigurationProperties("demo.messaging.fan-out")
public record FanOutProperties(
    @DefaultValue("0s") Duration minSubtaskSleep, @DefaultValue("5s") Duration maxSubtaskSleep) {

  public FanOutProperties {
    if (minSubtaskSleep.isNegative() || maxSubtaskSleep.compareTo(minSubtaskSleep) < 0) {
      throw new IllegalArgumentException(
          "demo.messaging.fan-out.min-subtask-sleep ("
              + minSubtaskSleep
              + ") must be at least zero and at most max-subtask-sleep ("
              + maxSubtaskSleep
              + ")");
    }
  }
}
