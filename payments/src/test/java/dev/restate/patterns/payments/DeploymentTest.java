package dev.restate.patterns.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The service and handler names that the README's curl commands use. */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeploymentTest {

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;

  @Test
  void deploymentServesReadmeNames() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactlyInAnyOrder("payments", "accounts", "stripePayments");
    assertThat(restate.admin().handlerNames("payments"))
        .containsExactlyInAnyOrder("makePayment", "cancelPayment", "expireToken");
    assertThat(restate.admin().handlerNames("accounts"))
        .containsExactlyInAnyOrder("withdraw", "deposit", "balance");
    assertThat(restate.admin().handlerNames("stripePayments"))
        .containsExactlyInAnyOrder("processPayment", "processWebhook");
  }
}
