package dev.restate.patterns.eventprocessing;

import dev.restate.patterns.common.web.EncodedSlashPaths;
import dev.restate.patterns.common.web.RequestBodyProblems;
import dev.restate.patterns.common.web.RestateErrorResponses;
import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableRestate
@Import({RestateErrorResponses.class, RequestBodyProblems.class, EncodedSlashPaths.class})
public class EventProcessingApplication {

  public static void main(String[] args) {
    SpringApplication.run(EventProcessingApplication.class, args);
  }
}
