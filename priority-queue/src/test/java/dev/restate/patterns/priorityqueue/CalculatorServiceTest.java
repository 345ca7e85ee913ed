package dev.restate.patterns.priorityqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code myService/expensiveMethod} with the operation shortened. All calls share the one queue of
 * the demo, so each test waits until the queue is empty again.
 */
@SpringBootTest(properties = "demo.priority-queue.operation-duration=100ms")
@Import(RecordingOperationConfiguration.class)
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CalculatorServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;
  @Autowired RecordingOperation operation;

  @BeforeEach
  void resetRecording() {
    operation.reset();
  }

  @AfterEach
  void drainQueue() {
    operation.releaseAll();
    awaitEmptyQueue();
  }

  @Test
  void deploymentServesQueueAndMyService() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactlyInAnyOrder("queue", "myService");
    assertThat(restate.admin().handlerNames("queue"))
        .containsExactlyInAnyOrder("push", "done", "drop");
    assertThat(restate.admin().handlerNames("myService")).containsExactly("expensiveMethod");
  }

  @Test
  void thirtySendsRunAtMostTenAtOnce() {
    operation.hold();
    List<SendResponse<BigDecimal>> sends = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sends.add(
          myService()
              .send()
              .expensiveMethod(
                  new ExpensiveRequest(
                      BigDecimal.valueOf(i), BigDecimal.valueOf(2L * i), BigDecimal.valueOf(2))));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> queue().waiting() == 20);
    assertThat(operation.running()).isEqualTo(10);
    assertThat(queue().inFlight()).isEqualTo(10);

    operation.releaseAll();

    for (int i = 0; i < sends.size(); i++) {
      assertThat(sends.get(i).attach().response()).isEqualByComparingTo(BigDecimal.valueOf(3L * i));
    }
    assertThat(operation.maxRunning()).isEqualTo(10);
    assertThat(operation.startedLeftOperands()).hasSize(30);
    awaitEmptyQueue();
  }

  @Test
  void demoCallReturnsSum() throws Exception {
    HttpResponse<String> response = post("{\"left\": 1, \"right\": 2, \"priority\": 1}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("3");
  }

  @Test
  void missingPriorityDefaultsToOne() throws Exception {
    HttpResponse<String> response = post("{\"left\": 1, \"right\": 2}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("3");
  }

  @Test
  void fractionalNumbersAddExactly() throws Exception {
    HttpResponse<String> response = post("{\"left\": 0.1, \"right\": 0.2, \"priority\": 1.5}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("0.3");
  }

  @Test
  void missingLeftIsRejected() throws Exception {
    HttpResponse<String> response = post("{\"right\": 2, \"priority\": 1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("left is missing");
  }

  @Test
  void missingRightIsRejected() throws Exception {
    HttpResponse<String> response = post("{\"left\": 1, \"priority\": 1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("right is missing");
  }

  @Test
  void priorityThatIsNotNumberIsRejected() throws Exception {
    HttpResponse<String> response = post("{\"left\": 1, \"right\": 2, \"priority\": \"high\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).contains("priority must be a number, got \"high\"");
  }

  @Test
  void rejectedCallLeavesNoQueueEntry() throws Exception {
    post("{\"left\": \"one\", \"right\": 2}");

    assertThat(queue().isEmpty()).isTrue();
    assertThat(operation.startedLeftOperands()).isEmpty();
  }

  private CalculatorServiceClient.IngressClient myService() {
    return CalculatorServiceClient.fromClient(client);
  }

  private QueueSnapshot queue() {
    return QueueSnapshot.read(restate, CalculatorService.QUEUE_NAME);
  }

  private void awaitEmptyQueue() {
    await().atMost(Duration.ofSeconds(60)).until(() -> queue().isEmpty());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(restate.ingressUrl() + "/myService/expensiveMethod"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("message").asText();
  }
}
