package dev.restate.patterns.priorityqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.EffectFile;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server while the queue admits two
 * operations and the other calls wait on their awakeables for a slot: every call completes with its
 * sum, and the queue ends with no entry and no slot in use. The finished operations are counted in
 * a file outside the killed JVM.
 *
 * <p>An operation finishes once, unless its durable step was running at the fault: such a step has
 * no result in the journal, so Restate runs it again. After a kill the first run died with the JVM.
 * After a server restart the first run goes on in the application, which Restate no longer listens
 * to, and finishes too: that operation runs twice. When the restart is shorter than the operation,
 * both runs overlap, so more operations run at once than the queue admits. The test allows a second
 * run only for the operations not finished before the fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "priority-queue";
  private static final String QUEUE = CalculatorService.QUEUE_NAME;
  private static final int MAX_IN_FLIGHT = 2;
  private static final int CALLS = 8;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Time for a finished step's result to reach the journal; far longer than it takes. */
  private static final Duration JOURNAL_DELAY = Duration.ofMillis(500);

  private FaultTestServer restate;
  private ApplicationProcess application;
  private EffectFile effects;
  private Client client;
  private int nextLeftOperand = 1000;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    effects = EffectFile.createEmpty(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", PriorityQueueApplication.class)
            .ingress(restate.ingressUrl())
            .effects(effects)
            .recordCalls(ExpensiveOperation.class.getName() + "#add")
            .setting("demo.priority-queue.max-in-flight=" + MAX_IN_FLIGHT)
            .setting("demo.priority-queue.operation-duration=1s")
            .build();
    application.start();
    restate.register(application);
    client = restate.client();
  }

  @AfterAll
  void stopServerAndApplication() {
    if (application != null) {
      application.close();
    }
    if (restate != null) {
      restate.close();
    }
  }

  @Test
  void killWhileCallsWaitCompletesEveryCall() throws InterruptedException {
    Calls calls = new Calls();

    calls.sendAndAwaitFullQueue();
    calls.noteOperationsFinishedBeforeFault();
    application.kill();
    application.start();

    calls.awaitAndCheck("kill during operation steps and slot waits");
  }

  @Test
  void serverRestartWhileCallsWaitCompletesEveryCall() throws InterruptedException {
    Calls calls = new Calls();

    calls.sendAndAwaitFullQueue();
    calls.noteOperationsFinishedBeforeFault();
    restate.restart();

    calls.awaitAndCheck("restate-server restart during operation steps and slot waits");
  }

  /** Calls of {@code expensiveMethod} with distinct left operands, which identify them. */
  private final class Calls {

    private final List<BigDecimal> leftOperands = new ArrayList<>();
    private final List<String> invocationIds = new ArrayList<>();
    private Set<BigDecimal> finishedBeforeFault = Set.of();

    /** Sends the calls, then waits until the queue has every slot in use and calls waiting. */
    void sendAndAwaitFullQueue() {
      for (int i = 0; i < CALLS; i++) {
        BigDecimal left = BigDecimal.valueOf(nextLeftOperand++);
        leftOperands.add(left);
        invocationIds.add(
            CalculatorServiceClient.fromClient(client)
                .send()
                .expensiveMethod(new ExpensiveRequest(left, BigDecimal.ONE, BigDecimal.ONE))
                .invocationId());
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                Map<String, JsonNode> queue = restate.state("queue", QUEUE);
                return queue.containsKey("inFlight")
                    && queue.get("inFlight").asInt() == MAX_IN_FLIGHT
                    && !queue.get("items").isEmpty();
              });
    }

    /**
     * Notes the operations finished so far, then waits a moment, so that their results are in the
     * journal before the fault.
     */
    void noteOperationsFinishedBeforeFault() throws InterruptedException {
      finishedBeforeFault = finishedOperations().keySet();
      Thread.sleep(JOURNAL_DELAY.toMillis());
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<BigDecimal>> outcomes =
          Invocations.awaitAll(client, invocationIds, BigDecimal.class, TIMEOUT);
      long completed = outcomes.stream().filter(Outcome::succeeded).count();
      Map<BigDecimal, Long> runs = finishedOperations();
      long finishedOperations = runs.values().stream().mapToLong(Long::longValue).sum();
      long repeated = runs.values().stream().filter(count -> count > 1).count();
      new FaultReport(
              MODULE,
              scenario,
              CALLS,
              (int) completed,
              CALLS,
              finishedOperations,
              repeated == 0 ? null : repeated + " steps running at the fault ran again")
          .print();

      for (int i = 0; i < CALLS; i++) {
        assertThat(outcomes.get(i).value())
            .isEqualByComparingTo(leftOperands.get(i).add(BigDecimal.ONE));
      }
      assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(leftOperands);
      for (BigDecimal left : leftOperands) {
        long maxRuns = finishedBeforeFault.contains(left) ? 1 : 2;
        assertThat(runs.get(left)).as("runs of operation %s + 1", left).isBetween(1L, maxRuns);
      }
      assertThat(repeated).isLessThanOrEqualTo(MAX_IN_FLIGHT);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                Map<String, JsonNode> queue = restate.state("queue", QUEUE);
                assertThat(queue.get("inFlight").asInt()).isZero();
                assertThat(queue.get("items")).isEmpty();
              });
      assertThat(restate.unfinishedInvocationsOf("myService", "queue")).isEmpty();
    }

    /** Counts the finished runs of each operation of these calls, by left operand. */
    private Map<BigDecimal, Long> finishedOperations() {
      Map<BigDecimal, Long> runs = new TreeMap<>();
      for (EffectFile.Effect effect : effects.read("ExpensiveOperation", "add")) {
        BigDecimal left = new BigDecimal(effect.id());
        if (leftOperands.contains(left)) {
          runs.merge(left, 1L, Long::sum);
        }
      }
      return runs;
    }
  }
}
