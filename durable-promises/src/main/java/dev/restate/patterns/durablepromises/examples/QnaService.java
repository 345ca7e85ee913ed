package dev.restate.patterns.durablepromises.examples;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.patterns.durablepromises.DurablePromise;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.springboot.RestateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable promises inside handlers: a question waits for its answer through the promise named after
 * the question id.
 *
 * <p>{@code ask} may come before or after {@code answer}; either way it returns the first answer
 * given. Both handlers reach the promise from their context, so the wait is a durable step: a
 * restart of this application resumes the asking invocation instead of losing it. The fourth
 * example of the module README calls these handlers.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("qna")
public class QnaService {

  private static final Logger log = LoggerFactory.getLogger(QnaService.class);

  /** Maximum length of a question id. */
  static final int MAX_QUESTION_ID_LENGTH = 256;

  /** Waits until someone answers the question with this id and returns that answer. */
  @Handler
  public Answer ask(Context ctx, String questionId) {
    requireText("questionId", questionId, MAX_QUESTION_ID_LENGTH);

    log.info("question {}: waiting for an answer", questionId);
    String answer = DurablePromise.fromContext(ctx, questionId, String.class).get();
    log.info("question {}: answered", questionId);
    return new Answer(answer);
  }

  /** Answers a question, and returns the first answer given, which may be an earlier one. */
  @Handler
  public Answer answer(Context ctx, AnswerRequest request) {
    requirePresent("request", request);
    requireText("questionId", request.questionId(), MAX_QUESTION_ID_LENGTH);
    requireText("answer", request.answer());

    String firstAnswer =
        DurablePromise.fromContext(ctx, request.questionId(), String.class)
            .resolve(request.answer());
    if (firstAnswer.equals(request.answer())) {
      log.info("question {}: answer stored", request.questionId());
    } else {
      log.info("question {}: answered before, keeping the first answer", request.questionId());
    }
    return new Answer(firstAnswer);
  }

  /** The answer to a question. */
  public record Answer(String answer) {}

  /** An answer to the question with the id {@code questionId}. */
  public record AnswerRequest(String questionId, String answer) {}
}
