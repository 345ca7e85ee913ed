package dev.restate.patterns.durablepromises;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableRestate
public class DurablePromisesApplication {

  public static void main(String[] args) {
    SpringApplication.run(DurablePromisesApplication.class, args);
  }
}
