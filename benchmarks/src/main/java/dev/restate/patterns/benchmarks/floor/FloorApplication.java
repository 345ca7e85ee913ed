package dev.restate.patterns.benchmarks.floor;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmarks' floor: a Spring Boot application built like the pattern modules, whose only
 * Restate handler does nothing. What it costs per request is what Restate, the SDK and Spring cost
 * on the machine, so each pattern's figures read as a ratio to it.
 */
@SpringBootApplication
@EnableRestate
public class FloorApplication {

  public static void main(String[] args) {
    SpringApplication.run(FloorApplication.class, args);
  }
}
