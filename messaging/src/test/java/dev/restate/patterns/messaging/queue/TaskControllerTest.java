package dev.restate.patterns.messaging.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.common.Target;
import dev.restate.patterns.messaging.MessagingTest;
import dev.restate.patterns.testing.RestateTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@MessagingTest
class TaskControllerTest {

  @Autowired TestRestTemplate http;
  @Autowired RestateTestServer restate;

  @Test
  void sameTaskIdSubmittedConcurrentlyRunsOnce() {
    TaskRequest task = new TaskRequest(uniqueTaskId(), "resize image");

    CompletableFuture<ResponseEntity<TaskHandle>> first =
        CompletableFuture.supplyAsync(() -> submit(task, 0));
    CompletableFuture<ResponseEntity<TaskHandle>> second =
        CompletableFuture.supplyAsync(() -> submit(task, 0));
    TaskHandle firstHandle = first.join().getBody();
    TaskHandle secondHandle = second.join().getBody();
    CompletableFuture<String> firstResult =
        CompletableFuture.supplyAsync(() -> resultOf(task.id()));
    CompletableFuture<String> secondResult =
        CompletableFuture.supplyAsync(() -> resultOfInvocation(secondHandle.invocationId()));

    assertThat(first.join().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(secondHandle.invocationId()).isEqualTo(firstHandle.invocationId());
    assertThat(List.of(firstHandle.status(), secondHandle.status()))
        .containsExactlyInAnyOrder("ACCEPTED", "PREVIOUSLY_ACCEPTED");
    assertThat(firstResult.join()).isEqualTo("resize image: DONE");
    assertThat(secondResult.join()).isEqualTo("resize image: DONE");
    assertThat(invocationsOf(task.id())).hasSize(1);
  }

  @Test
  void delayedTaskRunsOnlyAfterItsDelay() {
    TaskRequest task = new TaskRequest(uniqueTaskId(), "send newsletter");
    Duration delay = Duration.ofSeconds(3);
    Instant submittedNoEarlierThan = Instant.now();

    TaskHandle handle = submit(task, delay.toMillis()).getBody();
    String statusBeforeDelay = invocationsOf(task.id()).get(0).path("status").asText();
    String taskStatusBeforeDelay =
        http.getForObject("/tasks/{id}", TaskStatus.class, task.id()).status();
    String result = resultOf(task.id());

    assertThat(handle.status()).isEqualTo("ACCEPTED");
    assertThat(statusBeforeDelay).isEqualTo("scheduled");
    assertThat(taskStatusBeforeDelay).isEqualTo("PENDING");
    assertThat(result).isEqualTo("send newsletter: DONE");
    // The server runs on this machine, so its clock is the test's clock.
    Instant runningAt = Instant.parse(invocationsOf(task.id()).get(0).path("running_at").asText());
    assertThat(runningAt).isAfterOrEqualTo(submittedNoEarlierThan.plus(delay));
  }

  @Test
  void secondProcessAttachesToRunningTask() {
    TaskRequest task = new TaskRequest(uniqueTaskId(), "transcode video");
    TaskHandle handle = submit(task, 0).getBody();

    // Another process has only the task id and a client of its own.
    Client otherProcess = Client.connect(restate.ingressUrl());
    String statusWhileRunning =
        http.getForObject("/tasks/{id}", TaskStatus.class, task.id()).status();
    String attached =
        otherProcess
            .idempotentInvocationHandle(
                Target.service("asyncTaskWorker", "runTask"), task.id(), String.class)
            .attach()
            .response();
    String attachedById =
        otherProcess.invocationHandle(handle.invocationId(), String.class).attach().response();

    assertThat(statusWhileRunning).isEqualTo("PENDING");
    assertThat(attached).isEqualTo("transcode video: DONE");
    assertThat(attachedById).isEqualTo("transcode video: DONE");
    assertThat(http.getForObject("/tasks/{id}", TaskStatus.class, task.id()))
        .isEqualTo(new TaskStatus(task.id(), "COMPLETED", "transcode video: DONE"));
  }

  @Test
  void taskWithoutIdIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity("/tasks", new TaskRequest(null, "resize image"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).isEqualTo("id is missing");
  }

  @Test
  void taskWithBlankTextIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity("/tasks", new TaskRequest(uniqueTaskId(), " "), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).isEqualTo("task must not be empty");
  }

  @Test
  void negativeDelayIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity(
            "/tasks?delayMillis=-1",
            new TaskRequest(uniqueTaskId(), "resize image"),
            JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("delayMillis must not be negative, got -1");
  }

  @Test
  void unknownTaskIdIsNotFound() {
    ResponseEntity<JsonNode> response =
        http.getForEntity("/tasks/{id}", JsonNode.class, uniqueTaskId());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getBody().path("detail").asText()).isEqualTo("invocation not found");
  }

  private ResponseEntity<TaskHandle> submit(TaskRequest task, long delayMillis) {
    return http.postForEntity("/tasks?delayMillis={delay}", task, TaskHandle.class, delayMillis);
  }

  private String resultOf(String taskId) {
    return http.getForObject("/tasks/{id}/result", String.class, taskId);
  }

  private String resultOfInvocation(String invocationId) {
    return http.getForObject("/invocations/{id}/result", String.class, invocationId);
  }

  private List<JsonNode> invocationsOf(String taskId) {
    return restate
        .admin()
        .query(
            "SELECT id, status, running_at FROM sys_invocation"
                + " WHERE target_service_name = 'asyncTaskWorker' AND idempotency_key = '"
                + taskId
                + "'");
  }

  private static String uniqueTaskId() {
    return "task-" + UUID.randomUUID();
  }
}
