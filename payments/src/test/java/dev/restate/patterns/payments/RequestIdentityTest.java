package dev.restate.patterns.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.payments.statemachine.AccountClient;
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
        SigningRestateServer.start(PaymentsApplication.class, "--spring.profiles.active=test");
  }

  @AfterAll
  static void stop() {
    if (signing != null) {
      signing.close();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    AccountClient.IngressClient account = AccountClient.fromClient(signing.client(), "signed");
    long opening = account.balance();

    long afterDeposit = account.deposit(50L);

    assertThat(afterDeposit).isEqualTo(opening + 50);
  }

  @Test
  void unsignedCallToEndpointIsRejected() {
    int discovery = signing.unsignedRequestStatus(SigningRestateServer.DISCOVERY_PATH);
    int invocation = signing.unsignedRequestStatus("/invoke/accounts/deposit");

    assertThat(discovery).isEqualTo(401);
    assertThat(invocation).isEqualTo(401);
  }
}
