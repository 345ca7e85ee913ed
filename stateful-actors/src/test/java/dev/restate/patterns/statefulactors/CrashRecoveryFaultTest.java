package dev.restate.patterns.statefulactors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.EffectFile;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server while several machines wait in
 * the durable sleep of their {@code setUp} transition, with a {@code tearDown} queued behind each:
 * every call completes, and each transition starts once and finishes once, as the machine effects
 * in a file outside the killed JVM show.
 *
 * <p>{@link MachineCrashRecoveryTest} shows the same for one machine with the module's own crash
 * setting; this test runs the machines through the shared fault harness, as the other modules do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "stateful-actors";
  private static final int MACHINES = 4;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Effects per machine: the start and finish of bringing it up and of tearing it down. */
  private static final int EFFECTS_PER_MACHINE = 4;

  private FaultTestServer restate;
  private ApplicationProcess application;
  private EffectFile effects;
  private Client client;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    effects = EffectFile.createEmpty(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", StatefulActorsApplication.class)
            .ingress(restate.ingressUrl())
            .effects(effects)
            .setting("demo.stateful-actors.transition-duration=3s")
            .setting("demo.stateful-actors.failure-rate=0")
            .setting("demo.stateful-actors.crash-process=false")
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
  void killDuringTransitionSleepsRunsEachStepOnce() {
    Machines machines = new Machines("kill");

    machines.sendAndAwaitSetUpSleeps();
    application.kill();
    application.start();

    machines.awaitAndCheck("kill during transition sleeps, tear-downs queued");
  }

  @Test
  void serverRestartDuringTransitionSleepsRunsEachStepOnce() {
    Machines machines = new Machines("restart");

    machines.sendAndAwaitSetUpSleeps();
    restate.restart();

    machines.awaitAndCheck("restate-server restart during transition sleeps, tear-downs queued");
  }

  /** A few machines, each with a set-up followed by a queued tear-down. */
  private final class Machines {

    private final List<String> ids = new ArrayList<>();
    private final List<String> setUpIds = new ArrayList<>();
    private final List<String> invocationIds = new ArrayList<>();

    Machines(String prefix) {
      for (int m = 0; m < MACHINES; m++) {
        ids.add(prefix + "-machine-" + m + "-" + UUID.randomUUID());
      }
    }

    /** Sends the calls, then waits until every set-up sleeps in its transition. */
    void sendAndAwaitSetUpSleeps() {
      for (String machine : ids) {
        String setUp =
            MachineOperatorClient.fromClient(client, machine).send().setUp().invocationId();
        setUpIds.add(setUp);
        invocationIds.add(setUp);
        invocationIds.add(
            MachineOperatorClient.fromClient(client, machine).send().tearDown().invocationId());
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  setUpIds.stream()
                      .allMatch(setUp -> restate.journalHasEntry(setUp, "Command: Sleep")));
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<String>> outcomes =
          Invocations.awaitAll(client, invocationIds, String.class, TIMEOUT);
      long completed = outcomes.stream().filter(Outcome::succeeded).count();
      long counted =
          effects.count(effect -> effect.system().equals("machine") && ids.contains(effect.id()));
      new FaultReport(
              MODULE,
              scenario,
              invocationIds.size(),
              (int) completed,
              (long) MACHINES * EFFECTS_PER_MACHINE,
              counted)
          .print();

      for (int m = 0; m < MACHINES; m++) {
        String machine = ids.get(m);
        assertThat(outcomes.get(2 * m).value()).isEqualTo(machine + " is now up");
        assertThat(outcomes.get(2 * m + 1).value()).isEqualTo(machine + " is now down");
        assertThat(transitionsOf(machine))
            .containsExactly(
                "transition started UP",
                "transition finished UP",
                "transition started DOWN",
                "transition finished DOWN");
        assertThat(MachineOperatorClient.fromClient(client, machine).getStatus())
            .isEqualTo(Status.DOWN);
      }
      assertThat(counted).isEqualTo((long) MACHINES * EFFECTS_PER_MACHINE);
      assertThat(restate.unfinishedInvocationsOf("machineOperator")).isEmpty();
    }

    private List<String> transitionsOf(String machine) {
      return effects.read().stream()
          .filter(effect -> effect.system().equals("machine") && effect.id().equals(machine))
          .map(effect -> effect.action() + " " + effect.details())
          .toList();
    }
  }
}
