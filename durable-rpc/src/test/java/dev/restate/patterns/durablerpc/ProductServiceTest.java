package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProductServiceTest {

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;

  @Test
  void deploymentServesProductWithItsHandlers() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactly("product");
    assertThat(restate.admin().handlerNames("product"))
        .containsExactlyInAnyOrder("reserve", "isReserved");
  }

  @Test
  void reserveIsTrueOnceThenFalse() {
    ProductServiceClient.IngressClient product =
        ProductServiceClient.fromClient(client, "product-" + UUID.randomUUID());

    boolean first = product.reserve();
    boolean second = product.reserve();

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(product.isReserved()).isTrue();
  }

  @Test
  void unreservedProductIsNotReserved() {
    ProductServiceClient.IngressClient product =
        ProductServiceClient.fromClient(client, "product-" + UUID.randomUUID());

    assertThat(product.isReserved()).isFalse();
  }
}
