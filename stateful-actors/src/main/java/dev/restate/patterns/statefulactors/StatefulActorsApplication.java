package dev.restate.patterns.statefulactors;

import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableRestate
public class StatefulActorsApplication {

  public static void main(String[] args) {
    SpringApplication.run(StatefulActorsApplication.class, args);
  }
}
