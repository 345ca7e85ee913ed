package dev.restate.patterns.statefulactors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.testing.SigningRestateServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code restate.sdk.identity-key} set, the endpoint accepts only requests signed by the
 * Restate server with the matching private key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RequestIdentityTest {

  static SigningRestateServer signing;

  @BeforeAll
  static void startSigningServerAndApplication() {
    signing =
        SigningRestateServer.start(
            StatefulActorsApplication.class,
            "--demo.stateful-actors.transition-duration=100ms",
            "--demo.stateful-actors.failure-rate=0",
            "--demo.stateful-actors.crash-process=false");
  }

  @AfterAll
  static void stop() {
    if (signing != null) {
      signing.close();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    MachineOperatorClient.IngressClient machine =
        MachineOperatorClient.fromClient(signing.client(), "signed-machine");

    String result = machine.setUp();

    assertThat(result).isEqualTo("signed-machine is now up");
    assertThat(machine.getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void unsignedCallToEndpointIsRejected() {
    int discovery = signing.unsignedRequestStatus(SigningRestateServer.DISCOVERY_PATH);
    int invocation = signing.unsignedRequestStatus("/invoke/machineOperator/setUp");

    assertThat(discovery).isEqualTo(401);
    assertThat(invocation).isEqualTo(401);
  }
}
