package dev.restate.patterns.durablepromises;

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
    signing = SigningRestateServer.start(DurablePromisesApplication.class);
  }

  @AfterAll
  static void stop() {
    if (signing != null) {
      signing.close();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    DurablePromise<String> promise =
        DurablePromise.fromClient(signing.client(), "signed-promise", String.class);

    String resolved = promise.resolve("signed value");

    assertThat(resolved).isEqualTo("signed value");
    assertThat(promise.peek()).contains("signed value");
  }

  @Test
  void unsignedCallToEndpointIsRejected() {
    int discovery = signing.unsignedRequestStatus(SigningRestateServer.DISCOVERY_PATH);
    int invocation = signing.unsignedRequestStatus("/invoke/promises/resolve");

    assertThat(discovery).isEqualTo(401);
    assertThat(invocation).isEqualTo(401);
  }
}
