package dev.restate.patterns.messaging.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.messaging.MessagingTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Calls the worker through the Restate ingress directly, past the task submitter. */
@MessagingTest
class AsyncTaskWorkerTest {

  @Autowired Client client;

  @Test
  void runTaskReturnsTheResult() {
    String result =
        AsyncTaskWorkerClient.fromClient(client)
            .runTask(new TaskRequest("task-" + UUID.randomUUID(), "resize image"));

    assertThat(result).isEqualTo("resize image: DONE");
  }

  @Test
  void runTaskWithoutIdFailsWith400() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () ->
                AsyncTaskWorkerClient.fromClient(client)
                    .runTask(new TaskRequest(null, "resize image")));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(new String(error.getResponseBody(), StandardCharsets.UTF_8))
        .contains("id is missing");
  }
}
