package dev.restate.patterns.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.patterns.common.clients.BucketClient;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.common.clients.InvoiceClient;
import dev.restate.patterns.messaging.fanout.FanOutWorker;
import dev.restate.patterns.messaging.fanout.FanOutWorkerClient;
import dev.restate.patterns.messaging.invoices.PaymentStatus;
import dev.restate.patterns.messaging.invoices.PaymentTrackerClient;
import dev.restate.patterns.messaging.invoices.PaymentTrackerState;
import dev.restate.patterns.messaging.invoices.StripeEvent;
import dev.restate.patterns.messaging.invoices.WebhookCallbackRouterClient;
import dev.restate.patterns.messaging.upload.DataUploaderClient;
import dev.restate.patterns.messaging.upload.EmailRequest;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.EffectFile;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server in the middle of three
 * messaging patterns at once, and counts their side effects in a file outside the killed JVM:
 *
 * <ul>
 *   <li>payment reminders: the fault hits after the first reminder, while the next one waits as a
 *       delayed call. Each invoice still gets three reminder emails, one support email and one
 *       uncollectible mark.
 *   <li>fan-out: the subtasks are in their durable sleeps and the task waits for them. Each task
 *       still returns the results of all its subtasks.
 *   <li>data upload: the upload step is running and {@code resultAsEmail} waits on the workflow's
 *       promise. Each bucket is created once and each URL emailed once. The interrupted upload step
 *       runs again, since a step that did not finish has no result in the journal.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "messaging";
  private static final int INVOICES = 2;
  private static final int FAN_OUT_TASKS = 2;
  private static final int UPLOADS = 2;
  private static final int REMINDERS = 3;
  private static final String SUPPORT_EMAIL = "support@example.com";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Effects per invoice: three reminders, the support email and the uncollectible mark. */
  private static final int EFFECTS_PER_INVOICE = REMINDERS + 2;

  /** Effects per upload: the bucket and the email with its URL. */
  private static final int EFFECTS_PER_UPLOAD = 2;

  private FaultTestServer restate;
  private ApplicationProcess application;
  private EffectFile effects;
  private Client client;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    effects = EffectFile.createEmpty(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", MessagingApplication.class)
            .ingress(restate.ingressUrl())
            .withWebPort()
            .effects(effects)
            .recordCalls(
                EmailClient.class.getName() + "#send",
                InvoiceClient.class.getName() + "#markUncollectible",
                BucketClient.class.getName() + "#createBucket")
            .setting("demo.messaging.reminders.interval=2s")
            .setting("demo.messaging.fan-out.min-subtask-sleep=4s")
            .setting("demo.messaging.fan-out.max-subtask-sleep=5s")
            .setting("demo.messaging.upload.slow-share=1")
            .setting("demo.messaging.upload.slow-duration=5s")
            .build();
    application.start();
    restate.register(application);
    client = restate.client();
  }

  @AfterAll
  void stopServerAndApplication() {
    if (application != null) {
      application.close();
    }
    if (restate != null) {
      restate.close();
    }
  }

  @Test
  void killMidFlightRunsEveryEffectOnce() {
    Flight flight = new Flight("kill");

    flight.startAndAwaitMidFlight();
    application.kill();
    application.start();

    flight.awaitAndCheck("kill during timers, sleeps, upload step and promise wait");
  }

  @Test
  void serverRestartMidFlightRunsEveryEffectOnce() {
    Flight flight = new Flight("restart");

    flight.startAndAwaitMidFlight();
    restate.restart();

    flight.awaitAndCheck("restate-server restart during timers, sleeps, upload and promise wait");
  }

  /** The invoices, fan-out tasks and uploads of one scenario, each with ids of its own. */
  private final class Flight {

    private final String prefix;
    private final List<String> invoices = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> invocationIds = new ArrayList<>();
    private final List<String> fanOutInvocationIds = new ArrayList<>();
    private final long bucketsBefore;

    Flight(String prefix) {
      this.prefix = prefix + "-" + UUID.randomUUID();
      this.bucketsBefore = allBucketsCreated();
    }

    /**
     * Starts every pattern, then waits until each invoice got its first reminder and each bucket is
     * created, so that the uploads run, while every task and subtask is still unfinished.
     */
    void startAndAwaitMidFlight() {
      for (int i = 0; i < INVOICES; i++) {
        String invoice = "in_" + prefix + "-" + i;
        String customer = "cus_" + prefix + "-" + i;
        invoices.add(invoice);
        customers.add(customer);
        StripeEvent event =
            new StripeEvent(
                "evt_" + prefix + "-" + i,
                "invoice.payment_failed",
                1_734_000_000L,
                new StripeEvent.Data(new StripeEvent.Invoice(invoice, customer)));
        invocationIds.add(
            WebhookCallbackRouterClient.fromClient(client)
                .send()
                .onStripeEvent(event)
                .invocationId());
      }
      for (int i = 0; i < FAN_OUT_TASKS; i++) {
        String description = prefix + "-" + i + "-a," + prefix + "-" + i + "-b";
        String invocationId =
            FanOutWorkerClient.fromClient(client)
                .send()
                .run(new FanOutWorker.Task(description))
                .invocationId();
        invocationIds.add(invocationId);
        fanOutInvocationIds.add(invocationId);
      }
      for (int i = 0; i < UPLOADS; i++) {
        String user = prefix + "-user-" + i;
        users.add(user);
        invocationIds.add(DataUploaderClient.fromClient(client, user).submit().invocationId());
        invocationIds.add(
            DataUploaderClient.fromClient(client, user)
                .send()
                .resultAsEmail(new EmailRequest(emailOf(user)))
                .invocationId());
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  remindersSent() >= INVOICES
                      && allBucketsCreated() - bucketsBefore == UPLOADS
                      && unfinishedFanOutInvocations() == FAN_OUT_TASKS * 3);
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<byte[]>> outcomes = Invocations.awaitAll(client, invocationIds, TIMEOUT);
      await()
          .atMost(TIMEOUT)
          .until(() -> invoices.stream().allMatch(invoice -> tracker(invoice).escalated()));
      long completed = outcomes.stream().filter(Outcome::succeeded).count();
      long expectedEffects =
          (long) INVOICES * EFFECTS_PER_INVOICE + (long) UPLOADS * EFFECTS_PER_UPLOAD;
      long countedEffects = remindersSent() + supportEmails() + marks() + bucketsCreated() + urls();
      new FaultReport(
              MODULE,
              scenario,
              invocationIds.size(),
              (int) completed,
              expectedEffects,
              countedEffects)
          .print();

      assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.succeeded()).isTrue());
      for (int i = 0; i < INVOICES; i++) {
        assertThat(tracker(invoices.get(i)))
            .isEqualTo(new PaymentTrackerState(PaymentStatus.FAILED_ESCALATED, 3, false, true));
        assertThat(effects.countById("EmailClient", "send")).containsEntry(customers.get(i), 3L);
      }
      assertThat(supportEmails()).isEqualTo(INVOICES);
      assertThat(marks()).isEqualTo(INVOICES);
      assertThat(bucketsCreated()).isEqualTo(UPLOADS);
      assertThat(allBucketsCreated() - bucketsBefore).isEqualTo(UPLOADS);
      assertThat(urls()).isEqualTo(UPLOADS);
      for (int i = 0; i < FAN_OUT_TASKS; i++) {
        FanOutWorker.Result result =
            Invocations.await(
                    client, fanOutInvocationIds.get(i), FanOutWorker.Result.class, TIMEOUT)
                .value();
        assertThat(result.description())
            .isEqualTo(prefix + "-" + i + "-a: DONE," + prefix + "-" + i + "-b: DONE");
      }
      assertThat(countedEffects).isEqualTo(expectedEffects);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(
                          restate.unfinishedInvocationsOf(
                              "WebhookCallbackRouter", "PaymentTracker", "worker", "dataUploader"))
                      .isEmpty());
    }

    private PaymentTrackerState tracker(String invoice) {
      return PaymentTrackerClient.fromClient(client, invoice).getStatus();
    }

    private long remindersSent() {
      return effects.count(
          effect ->
              effect.system().equals("EmailClient")
                  && customers.contains(effect.id())
                  && effect.details().contains("Reminder"));
    }

    private long supportEmails() {
      return effects.count(
          effect ->
              effect.system().equals("EmailClient")
                  && effect.id().equals(SUPPORT_EMAIL)
                  && invoices.stream().anyMatch(invoice -> effect.details().contains(invoice)));
    }

    private long marks() {
      return effects.count(
          effect -> effect.system().equals("InvoiceClient") && invoices.contains(effect.id()));
    }

    /** Counts the buckets whose URL went to a user of this flight. */
    private long bucketsCreated() {
      List<String> urlEmails =
          effects.read("EmailClient", "send").stream()
              .filter(effect -> users.stream().anyMatch(user -> effect.id().equals(emailOf(user))))
              .map(EffectFile.Effect::details)
              .toList();
      return effects.read("BucketClient", "createBucket").stream()
          .filter(bucket -> urlEmails.stream().anyMatch(email -> email.contains(bucket.id())))
          .count();
    }

    private long allBucketsCreated() {
      return effects.read("BucketClient", "createBucket").size();
    }

    private long urls() {
      return effects.count(
          effect ->
              effect.system().equals("EmailClient")
                  && users.stream().anyMatch(user -> effect.id().equals(emailOf(user))));
    }

    /** Counts the tasks and subtasks of this flight that have not completed. */
    private long unfinishedFanOutInvocations() {
      return restate.unfinishedInvocationsOf("worker").stream()
          .filter(row -> fanOutInvocationIds.contains(row.path("id").asText()) || isSubtask(row))
          .count();
    }
  }

  private static boolean isSubtask(JsonNode row) {
    return row.path("target").asText().endsWith("runSubtask");
  }

  private static String emailOf(String user) {
    return user + "@example.com";
  }
}
