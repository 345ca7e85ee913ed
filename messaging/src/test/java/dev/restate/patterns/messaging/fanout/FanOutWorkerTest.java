package dev.restate.patterns.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.messaging.MessagingTest;
import dev.restate.patterns.messaging.fanout.FanOutWorker.Result;
import dev.restate.patterns.messaging.fanout.FanOutWorker.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Subtasks sleep 1.5 to 2.5 seconds each here (application-test.properties). */
@MessagingTest
class FanOutWorkerTest {

  @Autowired Client client;

  @Value("${demo.messaging.fan-out.min-subtask-sleep}")
  Duration minSubtaskSleep;

  @Test
  void runKeepsTheOrderOfTheInput() {
    Result result = worker().run(new Task("get out of bed,shower,make coffee,have breakfast"));

    assertThat(result.description())
        .isEqualTo("get out of bed: DONE,shower: DONE,make coffee: DONE,have breakfast: DONE");
  }

  @Test
  void subtasksRunInParallel() {
    Duration sumOfSleepsAtLeast = minSubtaskSleep.multipliedBy(5);
    long start = System.nanoTime();

    Result result = worker().run(new Task("a,b,c,d,e"));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.description()).isEqualTo("a: DONE,b: DONE,c: DONE,d: DONE,e: DONE");
    // One after the other, the five sleeps alone would take at least this long.
    assertThat(elapsed).isLessThan(sumOfSleepsAtLeast);
  }

  @Test
  void partsAreTrimmed() {
    Result result = worker().run(new Task(" a , b "));

    assertThat(result.description()).isEqualTo("a: DONE,b: DONE");
  }

  @Test
  void emptyDescriptionIsRejected() {
    IngressException error = runExpectingError(new Task(""));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("description must not be empty");
  }

  @Test
  void missingDescriptionIsRejected() {
    IngressException error = runExpectingError(new Task(null));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("description is missing");
  }

  @Test
  void emptySubtaskIsRejected() {
    IngressException error = runExpectingError(new Task("a,,b"));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("description has an empty subtask at position 2");
  }

  @Test
  void tooManySubtasksAreRejected() {
    String description = "x,".repeat(FanOutWorker.MAX_SUBTASKS) + "x";

    IngressException error = runExpectingError(new Task(description));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error))
        .contains("description must have at most 100 comma-separated subtasks, got 101");
  }

  private FanOutWorkerClient.IngressClient worker() {
    return FanOutWorkerClient.fromClient(client);
  }

  private IngressException runExpectingError(Task task) {
    return catchThrowableOfType(IngressException.class, () -> worker().run(task));
  }

  private static String body(IngressException error) {
    return new String(error.getResponseBody(), StandardCharsets.UTF_8);
  }
}
