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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The {@code queue} object's selection, cancellation and bookkeeping, driven through {@code
 * myService/expensiveMethod} with the operations held at a gate so the queue stays saturated.
 */
@SpringBootTest(properties = "demo.priority-queue.operation-duration=100ms")
@Import(RecordingOperationConfiguration.class)
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkQueueTest {

  private static final BigDecimal LOW = BigDecimal.valueOf(5);
  private static final BigDecimal HIGH = BigDecimal.ONE;

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired RecordingOperation operation;

  private final List<Sent> sends = new ArrayList<>();

  @BeforeEach
  void resetRecording() {
    operation.reset();
  }

  @AfterEach
  void drainQueue() {
    operation.releaseAll();
    await().atMost(Duration.ofSeconds(60)).until(() -> demoQueue().isEmpty());
  }

  @Test
  void higherPriorityStartsBeforeEarlierLowerOnes() {
    operation.hold();
    fillAllSlots();
    send(100, LOW);
    await().atMost(Duration.ofSeconds(30)).until(() -> demoQueue().waiting() == 1);
    send(101, LOW);
    await().atMost(Duration.ofSeconds(30)).until(() -> demoQueue().waiting() == 2);
    send(200, HIGH);
    await().atMost(Duration.ofSeconds(30)).until(() -> demoQueue().waiting() == 3);

    // Free one slot at a time, so the order of starts is the order of admission.
    List<Integer> admitted = new ArrayList<>();
    for (int slot = 0; slot < 3; slot++) {
      int startsBefore = operation.startedLeftOperands().size();
      operation.releaseOne();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> operation.startedLeftOperands().size() == startsBefore + 1);
      admitted.add(operation.startedLeftOperands().get(startsBefore).intValueExact());
    }

    assertThat(admitted).containsExactly(200, 100, 101);
    operation.releaseAll();
    assertAllSumsRight();
    assertThat(operation.maxRunning()).isEqualTo(10);
  }

  @Test
  void cancelledWaitingCallLeavesNoEntry() {
    operation.hold();
    fillAllSlots();
    SendResponse<BigDecimal> waiting = send(300, LOW);
    await().atMost(Duration.ofSeconds(30)).until(() -> demoQueue().waiting() == 1);

    restate.admin().cancelInvocation(waiting.invocationId());

    await().atMost(Duration.ofSeconds(30)).until(() -> demoQueue().waiting() == 0);
    assertThat(demoQueue().inFlight()).isEqualTo(10);
    assertThatThrownBy(waiting::attach)
        .isInstanceOfSatisfying(
            IngressException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
    sends.removeIf(sent -> sent.response() == waiting);
    operation.releaseAll();
    assertAllSumsRight();
    assertThat(operation.startedLeftOperands()).doesNotContain(BigDecimal.valueOf(300));
  }

  @Test
  void doneWithoutOperationInFlightIsIgnored() {
    String queueName = "test-queue-" + UUID.randomUUID();

    WorkQueueClient.fromClient(client, queueName).done();

    assertThat(QueueSnapshot.read(restate, queueName)).isEqualTo(new QueueSnapshot(0, 0));
  }

  @Test
  void dropOfUnknownEntryChangesNothing() {
    String queueName = "test-queue-" + UUID.randomUUID();

    // Shaped like an awakeable id, which drop requires, but never pushed.
    WorkQueueClient.fromClient(client, queueName)
        .drop("sign_1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");

    assertThat(QueueSnapshot.read(restate, queueName)).isEqualTo(new QueueSnapshot(0, 0));
  }

  @Test
  void pushWithoutAwakeableIsRejected() {
    String queueName = "test-queue-" + UUID.randomUUID();

    assertThatThrownBy(
            () -> WorkQueueClient.fromClient(client, queueName).push(new QueueItem(null, HIGH)))
        .isInstanceOfSatisfying(
            IngressException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400))
        .hasMessageContaining("awakeable is missing");
  }

  /** Sends ten calls with left operands 0 to 9 and waits until all ten operations run. */
  private void fillAllSlots() {
    for (int i = 0; i < 10; i++) {
      send(i, LOW);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> operation.running() == 10);
  }

  private SendResponse<BigDecimal> send(int left, BigDecimal priority) {
    SendResponse<BigDecimal> send =
        CalculatorServiceClient.fromClient(client)
            .send()
            .expensiveMethod(
                new ExpensiveRequest(BigDecimal.valueOf(left), BigDecimal.ONE, priority));
    sends.add(new Sent(left, send));
    return send;
  }

  private void assertAllSumsRight() {
    for (Sent sent : sends) {
      assertThat(sent.response().attach().response())
          .as("sum of call with left operand %d", sent.left())
          .isEqualByComparingTo(BigDecimal.valueOf(sent.left() + 1L));
    }
  }

  /** A call of expensiveMethod with left operand {@code left} and right operand 1. */
  private record Sent(int left, SendResponse<BigDecimal> response) {}

  private QueueSnapshot demoQueue() {
    return QueueSnapshot.read(restate, CalculatorService.QUEUE_NAME);
  }
}
