package dev.restate.patterns.payments.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.client.Client;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Values of the wrong JSON type are rejected, not converted: 1.5 cents never becomes 1. */
@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StrictInputTest {

  /** The opening balance of the test profile. */
  private static final long OPENING_BALANCE = 1000;

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void fractionalAmountIsRejected() throws Exception {
    String accountId = "account-" + UUID.randomUUID();

    HttpResponse<String> response =
        makePayment("{\"accountId\":\"" + accountId + "\",\"amount\":1.5}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).contains("amount must be an integer, got 1.5");
    assertThat(AccountClient.fromClient(client, accountId).balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void numericAccountIdIsRejected() throws Exception {
    HttpResponse<String> response = makePayment("{\"accountId\":7,\"amount\":5}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).contains("accountId must be a string, got 7");
    assertThat(AccountClient.fromClient(client, "7").balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void amountAsStringIsRejected() throws Exception {
    HttpResponse<String> response = makePayment("{\"accountId\":\"a\",\"amount\":\"5\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).contains("amount must be an integer, got \"5\"");
  }

  private HttpResponse<String> makePayment(String body) throws Exception {
    String paymentId = "payment-" + UUID.randomUUID();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(restate.ingressUrl() + "/payments/" + paymentId + "/makePayment"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    JsonNode body = new ObjectMapper().readTree(response.body());
    return body.path("message").asText();
  }
}
