package dev.restate.patterns.durablerpc;

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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sends malformed requests to every handler and endpoint of the module: each is rejected with a 4xx
 * naming the problem or handled, nothing is left retrying, and a stored reservation survives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_PRODUCT = "poison-kept-product";

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @LocalServerPort int webPort;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    ProductServiceClient.IngressClient keptProduct =
        ProductServiceClient.fromClient(client, KEPT_PRODUCT);
    keptProduct.reserve();
    String web = "http://127.0.0.1:" + webPort;

    PoisonInputReport report =
        PoisonInputMatrix.forModule("durable-rpc", restate)
            .target(
                PoisonTarget.objectHandler("product", KEPT_PRODUCT, "reserve").keyName("product"))
            .target(
                PoisonTarget.objectHandler("product", KEPT_PRODUCT, "isReserved")
                    .keyName("product"))
            .target(
                PoisonTarget.endpoint("POST", web, "/reserve/{productId}/{reservationId}")
                    .pathVariable("productId", KEPT_PRODUCT)
                    .pathVariable("reservationId", "poison-reservation"))
            .keepsState("product " + KEPT_PRODUCT + " is reserved", true, keptProduct::isReserved)
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }
}
