package dev.restate.patterns.sagas;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableRestate
public class SagasApplication {

  public static void main(String[] args) {
    SpringApplication.run(SagasApplication.class, args);
  }
}
