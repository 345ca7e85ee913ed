package dev.restate.patterns.messaging;

import dev.restate.patterns.common.clients.BucketClient;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.common.clients.InvoiceClient;
import dev.restate.patterns.common.web.EncodedSlashPaths;
import dev.restate.patterns.common.web.RequestBodyProblems;
import dev.restate.patterns.common.web.RestateErrorResponses;
import dev.restate.sdk.springboot.EnableRestate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableRestate
@ConfigurationPropertiesScan
@Import({
  RestateErrorResponses.class,
  RequestBodyProblems.class,
  EncodedSlashPaths.class,
  EmailClient.class,
  BucketClient.class,
  InvoiceClient.class
})
public class MessagingApplication {

  public static void main(String[] args) {
    SpringApplication.run(MessagingApplication.class, args);
  }
}
