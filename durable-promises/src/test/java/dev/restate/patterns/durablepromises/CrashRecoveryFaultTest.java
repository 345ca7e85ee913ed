package dev.restate.patterns.durablepromises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.examples.QnaService;
import dev.restate.patterns.durablepromises.examples.QnaServiceClient;
import dev.restate.patterns.testing.faults.ApplicationProcess;
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
 * Crashes the application (SIGKILL) and restarts the Restate server while awaiters wait on durable
 * promises, then completes the promises with competing values: every awaiter gets the one value
 * that won, and each promise is completed once.
 *
 * <p>The awaiters are calls of {@code durablePromiseServer/await}, which wait on an awakeable, and
 * {@code qna/ask} questions, which wait on the promise from their context. The competing resolves
 * and answers are sent while the application or server is down or just back. The outcomes are
 * counted here, outside the killed JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "durable-promises";
  private static final int AWAITERS = 4;
  private static final int RESOLVERS = 3;
  private static final int QUESTIONS = 2;
  private static final int ANSWERS_PER_QUESTION = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private FaultTestServer restate;
  private ApplicationProcess application;
  private Client client;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", DurablePromisesApplication.class)
            .ingress(restate.ingressUrl())
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
  void killDuringWaitsDeliversTheFirstValue() {
    Flight flight = new Flight("kill");

    flight.startAwaitersAndAwaitListeners();
    application.kill();
    flight.sendCompetingCompletions();
    application.start();

    flight.awaitAndCheck("kill while awaiters wait on promises");
  }

  @Test
  void serverRestartDuringWaitsDeliversTheFirstValue() {
    Flight flight = new Flight("restart");

    flight.startAwaitersAndAwaitListeners();
    restate.restart();
    flight.sendCompetingCompletions();

    flight.awaitAndCheck("restate-server restart while awaiters wait on promises");
  }

  /** One promise with its awaiters and resolvers, and questions with their askers and answers. */
  private final class Flight {

    private final String promise;
    private final List<String> questions = new ArrayList<>();
    private final List<String> awaiterIds = new ArrayList<>();
    private final List<String> askIds = new ArrayList<>();
    private final List<String> resolverIds = new ArrayList<>();
    private final List<String> resolverValues = new ArrayList<>();
    private final List<String> answerIds = new ArrayList<>();
    private final List<String> answerValues = new ArrayList<>();

    Flight(String prefix) {
      this.promise = prefix + "-promise-" + UUID.randomUUID();
      for (int q = 0; q < QUESTIONS; q++) {
        questions.add(prefix + "-question-" + q + "-" + UUID.randomUUID());
      }
    }

    /** Starts the awaiters and askers, and waits until the promise objects list them. */
    void startAwaitersAndAwaitListeners() {
      for (int i = 0; i < AWAITERS; i++) {
        awaiterIds.add(
            DurablePromiseServerClient.fromClient(client)
                .send()
                .await(new PromiseServerRequest(new PromiseRequest(promise, null, null)))
                .invocationId());
      }
      for (String question : questions) {
        askIds.add(QnaServiceClient.fromClient(client).send().ask(question).invocationId());
      }

      await().atMost(TIMEOUT).until(() -> registeredListeners() == AWAITERS + QUESTIONS);
    }

    /** Sends resolves with distinct values and two answers per question, one-way. */
    void sendCompetingCompletions() {
      for (int i = 0; i < RESOLVERS; i++) {
        String value = "value-" + i;
        resolverValues.add(value);
        resolverIds.add(
            DurablePromiseServerClient.fromClient(client)
                .send()
                .resolve(
                    new PromiseServerRequest(
                        new PromiseRequest(promise, TextNode.valueOf(value), null)))
                .invocationId());
      }
      for (String question : questions) {
        for (int a = 0; a < ANSWERS_PER_QUESTION; a++) {
          String answer = "answer-" + a + " to " + question;
          answerValues.add(answer);
          answerIds.add(
              QnaServiceClient.fromClient(client)
                  .send()
                  .answer(new QnaService.AnswerRequest(question, answer))
                  .invocationId());
        }
      }
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<PromiseResult>> awaiters =
          Invocations.awaitAll(client, awaiterIds, PromiseResult.class, TIMEOUT);
      List<Outcome<PromiseResult>> resolvers =
          Invocations.awaitAll(client, resolverIds, PromiseResult.class, TIMEOUT);
      List<Outcome<QnaService.Answer>> asks =
          Invocations.awaitAll(client, askIds, QnaService.Answer.class, TIMEOUT);
      List<Outcome<QnaService.Answer>> answers =
          Invocations.awaitAll(client, answerIds, QnaService.Answer.class, TIMEOUT);
      String winner = resolvers.get(0).value().value().asText();
      long awaitersWithWinner =
          awaiters.stream()
              .filter(outcome -> outcome.value().value().asText().equals(winner))
              .count();
      long resolversThatWon = 0;
      for (int i = 0; i < RESOLVERS; i++) {
        if (resolverValues.get(i).equals(resolvers.get(i).value().value().asText())) {
          resolversThatWon++;
        }
      }
      long asksWithWinningAnswer = 0;
      long answersThatWon = 0;
      for (int q = 0; q < QUESTIONS; q++) {
        String winningAnswer = asks.get(q).value().answer();
        for (int a = 0; a < ANSWERS_PER_QUESTION; a++) {
          int index = q * ANSWERS_PER_QUESTION + a;
          assertThat(answers.get(index).value().answer()).isEqualTo(winningAnswer);
          if (answerValues.get(index).equals(winningAnswer)) {
            answersThatWon++;
          }
        }
        if (answerValues.contains(winningAnswer)) {
          asksWithWinningAnswer++;
        }
      }
      int started = awaiterIds.size() + askIds.size() + resolverIds.size() + answerIds.size();
      long completed =
          awaiters.stream().filter(Outcome::succeeded).count()
              + resolvers.stream().filter(Outcome::succeeded).count()
              + asks.stream().filter(Outcome::succeeded).count()
              + answers.stream().filter(Outcome::succeeded).count();
      // Each awaiter and asker notified once, and each promise completed once.
      long expectedEffects = AWAITERS + QUESTIONS + 1 + QUESTIONS;
      long countedEffects =
          awaitersWithWinner + asksWithWinningAnswer + resolversThatWon + answersThatWon;
      new FaultReport(MODULE, scenario, started, (int) completed, expectedEffects, countedEffects)
          .print();

      assertThat(completed).isEqualTo(started);
      assertThat(resolverValues).contains(winner);
      assertThat(awaitersWithWinner).isEqualTo(AWAITERS);
      assertThat(resolvers)
          .allSatisfy(outcome -> assertThat(outcome.value().value().asText()).isEqualTo(winner));
      assertThat(resolversThatWon).isEqualTo(1);
      assertThat(asksWithWinningAnswer).isEqualTo(QUESTIONS);
      assertThat(answersThatWon).isEqualTo(QUESTIONS);
      assertThat(countedEffects).isEqualTo(expectedEffects);
      assertThat(restate.unfinishedInvocationsOf("durablePromiseServer", "promises", "qna"))
          .isEmpty();
    }

    /** Counts the completed {@code await} calls on the promise objects of this flight. */
    private long registeredListeners() {
      return restate.invocationsOf("promises").stream()
          .filter(row -> row.path("target_handler_name").asText().equals("await"))
          .filter(row -> row.path("status").asText().equals("completed"))
          .filter(
              row -> {
                String key = row.path("target_service_key").asText();
                return key.equals(promise) || questions.contains(key);
              })
          .count();
    }
  }
}
