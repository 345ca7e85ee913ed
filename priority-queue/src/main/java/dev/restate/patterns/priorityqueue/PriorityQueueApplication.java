package dev.restate.patterns.priorityqueue;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableRestate
public class PriorityQueueApplication {

  public static void main(String[] args) {
    SpringApplication.run(PriorityQueueApplication.class, args);
  }
}
