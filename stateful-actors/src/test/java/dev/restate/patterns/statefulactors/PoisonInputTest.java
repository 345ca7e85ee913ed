package dev.restate.patterns.statefulactors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sends malformed requests to every handler, with short transitions that never fail. Each is
 * rejected with a 4xx naming the problem or handled, nothing is left retrying, and a machine that
 * is up stays up.
 */
@SpringBootTest(
    properties = {
      "demo.stateful-actors.transition-duration=1s",
      "demo.stateful-actors.failure-rate=0",
      "demo.stateful-actors.crash-process=false"
    })
@WithRestateServer
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_MACHINE = "poison-kept-machine";

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    MachineOperatorClient.fromClient(client, KEPT_MACHINE).setUp();

    PoisonInputReport report =
        PoisonInputMatrix.forModule("stateful-actors", restate)
            .target(
                PoisonTarget.objectHandler("machineOperator", KEPT_MACHINE, "setUp")
                    .keyName("machine"))
            .target(
                PoisonTarget.objectHandler("machineOperator", KEPT_MACHINE, "tearDown")
                    .keyName("machine"))
            .target(
                PoisonTarget.objectHandler("machineOperator", KEPT_MACHINE, "getStatus")
                    .keyName("machine"))
            .keepsState(
                "machine " + KEPT_MACHINE + " is up",
                Status.UP,
                () -> MachineOperatorClient.fromClient(client, KEPT_MACHINE).getStatus())
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }
}
