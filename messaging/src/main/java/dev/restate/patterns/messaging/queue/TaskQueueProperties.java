package dev.restate.patterns.messaging.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo settings of the task queue.
 *
 * @param workDuration how long the simulated heavy work of one task takes
 */
@ConfigurationProperties("demo.messaging.task-queue")
public record TaskQueueProperties(@DefaultValue("5s") Duration workDuration) {}
