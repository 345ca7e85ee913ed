package dev.restate.patterns.durablepromises;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.examples.QnaService.AnswerRequest;
import dev.restate.patterns.durablepromises.examples.QnaServiceClient;
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

/**
 * Sends malformed requests to every handler. Each is rejected with a 4xx naming the problem or
 * handled, and nothing is left retrying. A resolved promise and an answered question keep their
 * first outcome, since a malformed completion never wins and an accepted one comes too late.
 */
@SpringBootTest
@WithRestateServer
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputTest {

  private static final String KEPT_PROMISE = "poison-kept-promise";
  private static final String KEPT_QUESTION = "poison-kept-question";
  private static final String DISPOSABLE_PROMISE = "poison-disposable-promise";

  /** Shaped like an awakeable id but of no invocation, so resolving it has no effect. */
  private static final String UNKNOWN_AWAKEABLE = "sign_1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void malformedRequestsAreRejectedOrHandled() {
    DurablePromise.fromClient(client, KEPT_PROMISE, String.class).resolve("kept");
    PromiseResult keptPromise = PromiseResult.resolved(KEPT_PROMISE, TextNode.valueOf("kept"));
    QnaServiceClient.fromClient(client).answer(new AnswerRequest(KEPT_QUESTION, "kept answer"));
    String server = "{\"request\":{\"promiseName\":\"" + KEPT_PROMISE + "\"";

    PoisonInputReport report =
        PoisonInputMatrix.forModule("durable-promises", restate)
            .target(PoisonTarget.handler("durablePromiseServer", "peek").jsonBody(server + "}}"))
            .target(
                PoisonTarget.handler("durablePromiseServer", "await")
                    .jsonBody(server + "}}")
                    .viaSend())
            .target(
                PoisonTarget.handler("durablePromiseServer", "resolve")
                    .jsonBody(server + ",\"value\":\"late\"}}"))
            .target(
                PoisonTarget.handler("durablePromiseServer", "reject")
                    .jsonBody(server + ",\"errorMessage\":\"late\"}}"))
            .target(
                PoisonTarget.handler("durablePromiseServer", "dispose")
                    .jsonBody("{\"request\":{\"promiseName\":\"" + DISPOSABLE_PROMISE + "\"}}"))
            .target(
                PoisonTarget.objectHandler("promises", KEPT_PROMISE, "resolve")
                    .keyName("promise")
                    .bodyName("value")
                    .jsonBody("\"late\""))
            .target(
                PoisonTarget.objectHandler("promises", KEPT_PROMISE, "reject")
                    .keyName("promise")
                    .bodyName("errorMessage")
                    .jsonBody("\"late\""))
            .target(PoisonTarget.objectHandler("promises", KEPT_PROMISE, "peek").keyName("promise"))
            .target(
                PoisonTarget.objectHandler("promises", KEPT_PROMISE, "await")
                    .keyName("promise")
                    .bodyName("awakeableId")
                    .jsonBody("\"" + UNKNOWN_AWAKEABLE + "\""))
            .target(
                PoisonTarget.objectHandler("promises", DISPOSABLE_PROMISE, "dispose")
                    .keyName("promise"))
            .target(
                PoisonTarget.handler("qna", "ask")
                    .bodyName("questionId")
                    .jsonBody("\"" + KEPT_QUESTION + "\"")
                    .viaSend())
            .target(
                PoisonTarget.handler("qna", "answer")
                    .jsonBody(
                        "{\"questionId\":\"" + KEPT_QUESTION + "\",\"answer\":\"late answer\"}"))
            .keepsState(
                "promise " + KEPT_PROMISE,
                keptPromise,
                () -> DurablePromiseObjectClient.fromClient(client, KEPT_PROMISE).peek())
            .keepsState(
                "answer to question " + KEPT_QUESTION,
                PromiseResult.resolved(KEPT_QUESTION, TextNode.valueOf("kept answer")),
                () -> DurablePromiseObjectClient.fromClient(client, KEPT_QUESTION).peek())
            .run();

    report.assertAllHandled();
    assertThat(report.cases()).isPositive();
  }
}
