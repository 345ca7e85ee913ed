package dev.restate.patterns.priorityqueue;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a {@link RecordingOperation} in place of the application's expensive operation. */
@TestConfiguration
public class RecordingOperationConfiguration {

  @Bean
  @Primary
  RecordingOperation recordingOperation(PriorityQueueProperties properties) {
    return new RecordingOperation(properties);
  }
}
