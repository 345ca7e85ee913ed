package dev.restate.patterns.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@MessagingTest
class MessagingDiscoveryTest {

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;

  @Test
  void deploymentServesTheFiveComponents() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services)
        .containsExactlyInAnyOrder(
            "asyncTaskWorker", "WebhookCallbackRouter", "PaymentTracker", "worker", "dataUploader");
  }

  @Test
  void componentsHaveTheHandlersOfTheReadme() {
    assertThat(restate.admin().handlerNames("asyncTaskWorker")).containsExactly("runTask");
    assertThat(restate.admin().handlerNames("WebhookCallbackRouter"))
        .containsExactly("onStripeEvent");
    assertThat(restate.admin().handlerNames("PaymentTracker"))
        .containsExactlyInAnyOrder(
            "onPaymentFailure", "remindPaymentFailed", "onPaymentSuccess", "escalate", "getStatus");
    assertThat(restate.admin().handlerNames("worker"))
        .containsExactlyInAnyOrder("run", "runSubtask");
    assertThat(restate.admin().handlerNames("dataUploader"))
        .containsExactlyInAnyOrder("run", "resultAsEmail");
  }
}
