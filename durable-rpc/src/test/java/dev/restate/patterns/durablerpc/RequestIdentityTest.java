package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.testing.SigningRestateServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code restate.sdk.identity-key} set, the endpoint accepts only requests signed by the
 * Restate server that holds the matching private key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RequestIdentityTest {

  static SigningRestateServer signing;

  @BeforeAll
  static void startSigningServerAndApplication() {
    signing = SigningRestateServer.start(DurableRpcApplication.class);
  }

  @AfterAll
  static void stop() {
    if (signing != null) {
      signing.close();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    boolean reserved =
        ProductServiceClient.fromClient(signing.client(), "signed-product").reserve();

    assertThat(reserved).isTrue();
  }

  @Test
  void unsignedCallToEndpointIsRejected() {
    int discovery = signing.unsignedRequestStatus(SigningRestateServer.DISCOVERY_PATH);
    int invocation = signing.unsignedRequestStatus("/invoke/product/reserve");

    assertThat(discovery).isEqualTo(401);
    assertThat(invocation).isEqualTo(401);
  }
}
