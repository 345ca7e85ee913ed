package dev.restate.patterns.statefulactors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.patterns.common.clients.MachineClient;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.SharedRestateServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the application in the middle of a transition and starts it again on the same endpoint
 * port, each time in a JVM of its own. The effects go to a file, which outlives the stopped JVM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MachineCrashRecoveryTest {

  private final RestateTestServer restate = SharedRestateServer.get();
  private final Ingress ingress = new Ingress(restate.ingressUrl());

  @TempDir Path tempDir;
  private Path effectsFile;
  private int port;
  private String machine;

  @BeforeEach
  void pickPortAndMachine() {
    effectsFile = tempDir.resolve("effects.tsv");
    port = FreePorts.pick(1).get(0);
    machine = "machine-" + UUID.randomUUID();
  }

  @Test
  void crashSettingHaltsJvmAndRestartCompletesTransition() throws Exception {
    String invocation;
    try (EndpointProcess crashing =
        start(
            "crash-setting-first",
            "demo.stateful-actors.failure-rate=1",
            "demo.stateful-actors.crash-process=true")) {
      restate.admin().registerDeployment(restate.deploymentUri(port), true);
      invocation = ingress.send(machine, "setUp");

      assertThat(crashing.awaitExit(Duration.ofSeconds(60)))
          .isEqualTo(MachineClient.CRASH_EXIT_STATUS);
    }
    assertThat(transitions()).containsExactly("transition started UP", "transition failed UP");

    try (EndpointProcess restarted =
        start("crash-setting-second", "demo.stateful-actors.failure-rate=0")) {
      String result = ingress.attach(invocation);

      assertThat(result).isEqualTo(machine + " is now up");
      assertThat(ingress.status(machine)).isEqualTo("UP");
      assertThat(restarted.isAlive()).isTrue();
    }
    assertThat(transitions())
        .containsExactly(
            "transition started UP",
            "transition failed UP",
            "transition started UP",
            "transition finished UP");
  }

  @Test
  void killDuringWaitResumesWithoutRepeatingStart() throws Exception {
    String invocation;
    try (EndpointProcess killed = start("kill-first", "demo.stateful-actors.failure-rate=0")) {
      restate.admin().registerDeployment(restate.deploymentUri(port), true);
      invocation = ingress.send(machine, "setUp");
      // Once the journal contains the wait, it contains the finished start step too.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> journalHasEntry(invocation, "Command: Sleep"));

      killed.kill();
    }
    assertThat(transitions()).containsExactly("transition started UP");

    try (EndpointProcess restarted = start("kill-second", "demo.stateful-actors.failure-rate=0")) {
      String result = ingress.attach(invocation);

      assertThat(result).isEqualTo(machine + " is now up");
      assertThat(ingress.status(machine)).isEqualTo("UP");
      // The handler ran again from the journal: its lines before the wait stay out of the log.
      assertThat(restarted.log())
          .contains("machine " + machine + ": done transitioning to UP")
          .doesNotContain("machine " + machine + ": bringing up")
          .doesNotContain("machine " + machine + ": beginning transition to UP");
    }
    assertThat(transitions()).containsExactly("transition started UP", "transition finished UP");
  }

  private EndpointProcess start(String name, String... settings) throws IOException {
    String[] all = new String[settings.length + 1];
    all[0] = "demo.stateful-actors.transition-duration=3s";
    System.arraycopy(settings, 0, all, 1, settings.length);
    return EndpointProcess.start(name, port, restate.ingressUrl(), effectsFile, all);
  }

  /** Returns the machine's transition effects from the file, as action and target status. */
  private List<String> transitions() throws IOException {
    if (!Files.exists(effectsFile)) {
      return List.of();
    }
    return Files.readAllLines(effectsFile).stream()
        .map(line -> line.split("\t"))
        .filter(fields -> fields[0].equals(machine))
        .map(fields -> fields[1] + " " + fields[2])
        .toList();
  }

  private boolean journalHasEntry(String invocation, String entryType) {
    return !restate
        .admin()
        .query(
            "SELECT index FROM sys_journal WHERE id = '"
                + invocation
                + "' AND entry_type = '"
                + entryType
                + "'")
        .isEmpty();
  }
}
