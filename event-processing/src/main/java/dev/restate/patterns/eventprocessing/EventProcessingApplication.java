package dev.restate.patterns.eventprocessing;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableRestate
public class EventProcessingApplication {

  public static void main(String[] args) {
    SpringApplication.run(EventProcessingApplication.class, args);
  }
}
