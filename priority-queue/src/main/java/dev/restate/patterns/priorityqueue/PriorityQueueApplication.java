package dev.restate.patterns.priorityqueue;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@EnableRestate
@ConfigurationPropertiesScan
public class PriorityQueueApplication {

  public static void main(String[] args) {
    SpringApplication.run(PriorityQueueApplication.class, args);
  }
}
