package dev.restate.patterns.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.messaging.invoices.PaymentStatus;
import dev.restate.patterns.messaging.invoices.PaymentTrackerClient;
import dev.restate.patterns.messaging.invoices.PaymentTrackerState;
import dev.restate.patterns.messaging.invoices.StripeEvent;
import dev.restate.patterns.messaging.queue.TaskHandle;
import dev.restate.patterns.messaging.queue.TaskRequest;
import dev.restate.patterns.messaging.queue.TaskStatus;
import dev.restate.patterns.messaging.upload.DataUploaderClient;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.poison.PoisonInputMatrix;
import dev.restate.patterns.testing.poison.PoisonInputReport;
import dev.restate.patterns.testing.poison.PoisonTarget;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sends malformed requests to every handler and endpoint of the module: each is rejected with a 4xx
 * naming the problem or handled, nothing is left retrying, and a finished task, a paid invoice and
 * a finished upload read the same afterwards.
 */
@MessagingTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_TASK = "poison-kept-task";
  private static final String KEPT_INVOICE = "in_poison_kept";
  private static final String KEPT_USER = "poison-kept-user";

  @Autowired Client client;
  @Autowired RestateTestServer restate;
  @Autowired TestRestTemplate http;
  @LocalServerPort int webPort;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    TaskHandle keptTask =
        http.postForObject("/tasks", new TaskRequest(KEPT_TASK, "kept work"), TaskHandle.class);
    TaskStatus finishedTask = new TaskStatus(KEPT_TASK, "COMPLETED", "kept work: DONE");
    await().atMost(Duration.ofSeconds(60)).until(() -> taskStatus().equals(finishedTask));
    StripeEvent paid =
        new StripeEvent(
            "evt_poison_kept",
            "invoice.payment_succeeded",
            1_734_000_000L,
            new StripeEvent.Data(new StripeEvent.Invoice(KEPT_INVOICE, "cus_poison_kept")));
    PaymentTrackerClient.fromClient(client, KEPT_INVOICE).onPaymentSuccess(paid);
    PaymentTrackerState paidState = new PaymentTrackerState(PaymentStatus.PAID, 0, true, false);
    String keptUrl = DataUploaderClient.fromClient(client, KEPT_USER).submit().attach().response();
    String web = "http://127.0.0.1:" + webPort;
    String invoiceEvent =
        "{\"id\":\"evt_poison\",\"type\":\"invoice.payment_failed\",\"created\":1734000000,"
            + "\"data\":{\"object\":{\"id\":\""
            + KEPT_INVOICE
            + "\",\"customer\":\"cus_poison\"}}}";
    String routedEvent = invoiceEvent.replace(KEPT_INVOICE, "in_poison_routed");

    PoisonInputReport report =
        PoisonInputMatrix.forModule("messaging", restate)
            .target(
                PoisonTarget.handler("asyncTaskWorker", "runTask")
                    .jsonBody("{\"id\":\"poison-direct-task\",\"task\":\"work\"}"))
            .target(
                PoisonTarget.handler("WebhookCallbackRouter", "onStripeEvent")
                    .jsonBody(routedEvent))
            .target(
                PoisonTarget.objectHandler("PaymentTracker", KEPT_INVOICE, "onPaymentFailure")
                    .keyName("invoice")
                    .jsonBody(invoiceEvent))
            .target(
                PoisonTarget.objectHandler("PaymentTracker", KEPT_INVOICE, "onPaymentSuccess")
                    .keyName("invoice")
                    .jsonBody(invoiceEvent.replace("payment_failed", "payment_succeeded")))
            .target(
                PoisonTarget.objectHandler("PaymentTracker", KEPT_INVOICE, "getStatus")
                    .keyName("invoice"))
            .target(PoisonTarget.handler("worker", "run").jsonBody("{\"description\":\"a,b\"}"))
            .target(
                PoisonTarget.handler("worker", "runSubtask").jsonBody("{\"description\":\"a\"}"))
            .target(PoisonTarget.objectHandler("dataUploader", "poison-upload", "run"))
            .target(
                PoisonTarget.objectHandler("dataUploader", KEPT_USER, "resultAsEmail")
                    .jsonBody("{\"email\":\"poison@example.com\"}")
                    .viaSend())
            .target(
                PoisonTarget.endpoint("POST", web, "/tasks")
                    .jsonBody("{\"id\":\"poison-web-task\",\"task\":\"work\"}")
                    .queryParameter("delayMillis", "0"))
            .target(
                PoisonTarget.endpoint("GET", web, "/tasks/{taskId}")
                    .pathVariable("taskId", KEPT_TASK)
                    .mentions("not found"))
            .target(
                PoisonTarget.endpoint("GET", web, "/tasks/{taskId}/result")
                    .pathVariable("taskId", KEPT_TASK)
                    .mentions("not found"))
            .target(
                PoisonTarget.endpoint("GET", web, "/invocations/{invocationId}/result")
                    .pathVariable("invocationId", keptTask.invocationId()))
            .target(
                PoisonTarget.endpoint("POST", web, "/upload/{userId}")
                    .pathVariable("userId", "poison-web-user")
                    .jsonBody("{\"email\":\"poison@example.com\"}"))
            .keepsState("task " + KEPT_TASK, finishedTask, this::taskStatus)
            .keepsState(
                "invoice " + KEPT_INVOICE,
                paidState,
                () -> PaymentTrackerClient.fromClient(client, KEPT_INVOICE).getStatus())
            .keepsState(
                "upload of " + KEPT_USER,
                keptUrl,
                () ->
                    DataUploaderClient.fromClient(client, KEPT_USER)
                        .workflowHandle()
                        .getOutput()
                        .response()
                        .getValue())
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }

  private TaskStatus taskStatus() {
    return http.getForObject("/tasks/{id}", TaskStatus.class, KEPT_TASK);
  }
}
