package dev.restate.patterns.durablepromises.examples;

import dev.restate.client.Client;
import dev.restate.client.SendResponse;
import dev.restate.patterns.durablepromises.examples.QnaService.Answer;
import dev.restate.patterns.durablepromises.examples.QnaService.AnswerRequest;
import java.io.PrintStream;

/**
 * Example 4, promises inside handlers: asks a question through {@code qna/ask}, which waits inside
 * Restate, then answers it through {@code qna/answer}, and prints the answer the asking invocation
 * returns. Both handlers use a {@code DurablePromise} from their context.
 *
 * <p>Arguments: {@code [question-id] [restate-uri]}. With a question id that was answered before,
 * the question returns the earlier answer at once.
 */
public final class QuestionAndAnswerExample {

  private QuestionAndAnswerExample() {}

  public static void main(String[] args) {
    ExampleArguments arguments = ExampleArguments.parse(args, "my-question-id");
    run(Client.connect(arguments.restateUri()), arguments.promiseId(), System.out);
  }

  static void run(Client client, String questionId, PrintStream out) {
    // 1. Ask without waiting for the answer: the invocation waits inside Restate.
    SendResponse<Answer> question = QnaServiceClient.fromClient(client).send().ask(questionId);
    out.println("Asked question '" + questionId + "' (invocation " + question.invocationId() + ")");

    // 2. Answer it.
    Answer stored =
        QnaServiceClient.fromClient(client)
            .answer(new AnswerRequest(questionId, "Forty-two, of course"));
    out.println("Answer stored for '" + questionId + "': '" + stored.answer() + "'");

    // 3. Collect what the question returned.
    Answer returned = question.attach().response();
    out.println("The question returned: '" + returned.answer() + "'");
  }
}
