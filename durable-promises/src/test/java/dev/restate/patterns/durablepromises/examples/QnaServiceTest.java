package dev.restate.patterns.durablepromises.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.client.SendResponse;
import dev.restate.patterns.durablepromises.DurablePromiseServerClient;
import dev.restate.patterns.durablepromises.PromiseRequest;
import dev.restate.patterns.durablepromises.PromiseServerRequest;
import dev.restate.patterns.durablepromises.PromiseState;
import dev.restate.patterns.durablepromises.examples.QnaService.Answer;
import dev.restate.patterns.durablepromises.examples.QnaService.AnswerRequest;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The question-and-answer service, whose handlers use durable promises from their context. */
@SpringBootTest
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QnaServiceTest {

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void askBeforeAnswerReturnsAnswer() {
    String questionId = uniqueQuestion();
    SendResponse<Answer> question = qna().send().ask(questionId);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, questionId) == 1);

    Answer stored = qna().answer(new AnswerRequest(questionId, "blue"));

    assertThat(stored.answer()).isEqualTo("blue");
    assertThat(question.attach().response().answer()).isEqualTo("blue");
  }

  @Test
  void answerBeforeAskReturnsAnswerAtOnce() {
    String questionId = uniqueQuestion();
    qna().answer(new AnswerRequest(questionId, "green"));

    Answer answer = qna().ask(questionId);

    assertThat(answer.answer()).isEqualTo("green");
  }

  @Test
  void secondAnswerKeepsFirst() {
    String questionId = uniqueQuestion();
    qna().answer(new AnswerRequest(questionId, "first"));

    Answer second = qna().answer(new AnswerRequest(questionId, "second"));

    assertThat(second.answer()).isEqualTo("first");
    assertThat(qna().ask(questionId).answer()).isEqualTo("first");
  }

  @Test
  void disposedQuestionFailsAsk() {
    String questionId = uniqueQuestion();
    SendResponse<Answer> question = qna().send().ask(questionId);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, questionId) == 1);

    DurablePromiseServerClient.fromClient(client)
        .dispose(new PromiseServerRequest(new PromiseRequest(questionId, null, null)));

    assertThatThrownBy(() -> question.attach())
        .isInstanceOf(IngressException.class)
        .hasMessageContaining("promise " + questionId + " was disposed");
  }

  @Test
  void blankQuestionIdIsRejected() {
    assertThatThrownBy(() -> qna().ask(" "))
        .isInstanceOfSatisfying(
            IngressException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400))
        .hasMessageContaining("questionId must not be empty");
  }

  @Test
  void answerWithoutTextIsRejected() {
    assertThatThrownBy(() -> qna().answer(new AnswerRequest(uniqueQuestion(), null)))
        .isInstanceOfSatisfying(
            IngressException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400))
        .hasMessageContaining("answer is missing");
  }

  private QnaServiceClient.IngressClient qna() {
    return QnaServiceClient.fromClient(client);
  }

  private static String uniqueQuestion() {
    return "question-" + UUID.randomUUID();
  }
}
