package dev.restate.patterns.priorityqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.client.SendResponse;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * An operation that fails every attempt, with one slot in the queue: each call fails for good after
 * its attempts, and must free the slot, or the calls after it would wait forever.
 */
@SpringBootTest(
    properties = {
      "demo.priority-queue.operation-duration=50ms",
      "demo.priority-queue.operation-failure-rate=1",
      "demo.priority-queue.operation-max-attempts=2",
      "demo.priority-queue.max-in-flight=1"
    })
@Import(RecordingOperationConfiguration.class)
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperationFailureTest {

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired RecordingOperation operation;

  @Test
  void failingOperationFreesItsSlot() {
    operation.reset();
    List<SendResponse<BigDecimal>> sends = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sends.add(
          CalculatorServiceClient.fromClient(client)
              .send()
              .expensiveMethod(
                  new ExpensiveRequest(BigDecimal.valueOf(i), BigDecimal.ONE, BigDecimal.ONE)));
    }

    for (SendResponse<BigDecimal> send : sends) {
      assertThatThrownBy(send::attach)
          .isInstanceOf(IngressException.class)
          .hasMessageContaining("[SIMULATED] the expensive operation failed");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> QueueSnapshot.read(restate, CalculatorService.QUEUE_NAME).isEmpty());
    assertThat(operation.maxRunning()).isEqualTo(1);
    assertThat(operation.startedLeftOperands()).hasSizeGreaterThanOrEqualTo(6);
  }
}
