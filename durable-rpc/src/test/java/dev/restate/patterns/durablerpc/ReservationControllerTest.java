package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReservationControllerTest {

  @Autowired TestRestTemplate http;
  @Autowired RestateTestServer restate;

  @Test
  void demoSequenceReturnsTrueFalseTrue() {
    String product = uniqueProduct();

    ResponseEntity<Boolean> first = reserve(product, "reservation1");
    ResponseEntity<Boolean> second = reserve(product, "reservation2");
    ResponseEntity<Boolean> repeatOfFirst = reserve(product, "reservation1");

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody()).isTrue();
    assertThat(second.getBody()).isFalse();
    assertThat(repeatOfFirst.getBody()).isTrue();
  }

  @Test
  void concurrentReservationsOfOneProductGiveOneTrue() throws Exception {
    String product = uniqueProduct();
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String reservation = "reservation-" + i;
      calls.add(() -> reserve(product, reservation).getBody());
    }

    List<Boolean> answers = runConcurrently(calls);

    assertThat(answers).hasSize(50).doesNotContainNull();
    assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
  }

  @Test
  void sameReservationIdSentConcurrentlyRunsOnce() throws Exception {
    String product = uniqueProduct();
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(() -> reserve(product, "the-one-reservation").getBody());
    }

    List<Boolean> answers = runConcurrently(calls);

    // Had the handler run more than once, every run after the first would have returned false.
    assertThat(answers).hasSize(20).containsOnly(true);
    List<JsonNode> invocations =
        restate
            .admin()
            .query(
                "SELECT id, idempotency_key FROM sys_invocation"
                    + " WHERE target_service_name = 'product' AND target_service_key = '"
                    + product
                    + "'");
    assertThat(invocations).hasSize(1);
    assertThat(invocations.get(0).path("idempotency_key").asText())
        .isEqualTo("the-one-reservation");
  }

  @Test
  void blankReservationIdIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity("/reserve/{product}/{reservation}", null, JsonNode.class, "p", " ");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("reservationId must not be empty");
  }

  @Test
  void missingReservationIdIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity("/reserve/{product}/", null, JsonNode.class, "p");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).startsWith("reservationId is missing");
  }

  @Test
  void overlongReservationIdIsRejected() {
    String tooLong = "r".repeat(ReservationController.MAX_ID_LENGTH + 1);

    ResponseEntity<JsonNode> response =
        http.postForEntity("/reserve/{product}/{reservation}", null, JsonNode.class, "p", tooLong);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("reservationId must be at most 256 characters, got 257 characters");
  }

  @Test
  void longestAllowedReservationIdIsAccepted() {
    String longest = "r".repeat(ReservationController.MAX_ID_LENGTH);

    ResponseEntity<Boolean> response = reserve(uniqueProduct(), longest);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).isTrue();
  }

  private ResponseEntity<Boolean> reserve(String product, String reservation) {
    return http.postForEntity(
        "/reserve/{product}/{reservation}", null, Boolean.class, product, reservation);
  }

  private static String uniqueProduct() {
    return "product-" + UUID.randomUUID();
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(calls)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
