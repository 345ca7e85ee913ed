package dev.restate.patterns.priorityqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Sends malformed requests to every handler. Each is rejected with a 4xx naming the problem or
 * handled, and nothing is left retrying. A queue with one admitted operation keeps its slot taken,
 * since no malformed push, done or drop reaches its state.
 */
@SpringBootTest(properties = "demo.priority-queue.operation-duration=100ms")
@Import(RecordingOperationConfiguration.class)
@WithRestateServer
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_QUEUE = "poison-kept-queue";

  /** Shaped like an awakeable id but of no invocation, so resolving it has no effect. */
  private static final String UNKNOWN_AWAKEABLE = "sign_1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    WorkQueueClient.fromClient(client, KEPT_QUEUE)
        .push(new QueueItem(UNKNOWN_AWAKEABLE, BigDecimal.ONE));
    QueueSnapshot oneInFlight = new QueueSnapshot(0, 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> keptQueue().equals(oneInFlight));
    String item = "{\"awakeable\":\"" + UNKNOWN_AWAKEABLE + "\",\"priority\":1}";

    PoisonInputReport report =
        PoisonInputMatrix.forModule("priority-queue", restate)
            .target(
                PoisonTarget.handler("myService", "expensiveMethod")
                    .jsonBody("{\"left\":1,\"right\":2,\"priority\":1}"))
            .target(
                PoisonTarget.objectHandler("queue", KEPT_QUEUE, "push")
                    .keyName("queue")
                    .jsonBody(item))
            .target(PoisonTarget.objectHandler("queue", KEPT_QUEUE, "done").keyName("queue"))
            .target(
                PoisonTarget.objectHandler("queue", KEPT_QUEUE, "drop")
                    .keyName("queue")
                    .bodyName("awakeableId")
                    .jsonBody("\"" + UNKNOWN_AWAKEABLE + "\""))
            .keepsState(
                "queue " + KEPT_QUEUE + " with one slot taken", oneInFlight, this::keptQueue)
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }

  private QueueSnapshot keptQueue() {
    return QueueSnapshot.read(restate, KEPT_QUEUE);
  }
}
