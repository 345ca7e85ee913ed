package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The wire and handler names that the README's curl commands and subscriptions use. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeploymentTest {

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;

  @Test
  void deploymentServesBothObjectsWithTheirHandlers() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactlyInAnyOrder("userFeed", "package-tracker");
    assertThat(restate.admin().handlerNames("userFeed")).containsExactly("processPost");
    assertThat(restate.admin().handlerNames("package-tracker"))
        .containsExactlyInAnyOrder("registerPackage", "updateLocation", "getPackageInfo");
  }
}
