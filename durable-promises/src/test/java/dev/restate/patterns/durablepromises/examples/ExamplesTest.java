package dev.restate.patterns.durablepromises.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.examples.AwaitOrResolveExample.Role;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The four runnable examples, run against the test server with their output captured. */
@SpringBootTest
@WithRestateServer
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExamplesTest {

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void basicExamplePrintsResolvedValueFourTimes() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    BasicExample.run(client, unique("basic"), printStream(output));

    assertThat(lines(output))
        .containsExactly(
            "Peeked value: null",
            "Actual result after completing: This promise will notify everyone",
            "Actual result after rejection: This promise will notify everyone",
            "Result value: This promise will notify everyone");
  }

  @Test
  void awaitOrResolveExampleResolvesAndPrintsValue() {
    String promiseId = unique("example-2");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    AwaitOrResolveExample.run(client, promiseId, Role.RESOLVE, printStream(output));

    long pid = ProcessHandle.current().pid();
    assertThat(lines(output))
        .containsExactly(
            pid + " will RESOLVE the promise",
            pid + " : Peek '" + promiseId + "' = 'null'",
            pid + " : Resolving '" + promiseId + "' to 'Completed by " + pid + "'",
            pid + " : '" + promiseId + "' actually resolved to 'Completed by " + pid + "'");
  }

  @Test
  void parallelProcessesAllSeeOneWinner() throws Exception {
    String promiseId = unique("example-3");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    boolean allSucceeded =
        ParallelProcessesExample.run(promiseId, restate.ingressUrl(), 3, printStream(output));

    assertThat(allSucceeded).isTrue();
    List<String> lines = lines(output);
    Pattern seenValue =
        Pattern.compile("(?:actually resolved to|Got result for '[^']+' =) '(Completed by \\d+)'");
    List<String> seen =
        lines.stream()
            .map(seenValue::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .toList();
    assertThat(seen).hasSize(3);
    Set<String> distinct = seen.stream().collect(Collectors.toSet());
    assertThat(distinct).hasSize(1);
    String winner = distinct.iterator().next();
    String winnerPid = winner.substring("Completed by ".length());
    assertThat(lines).contains(winnerPid + " will RESOLVE the promise");
    assertThat(lines).last().isEqualTo("Done. '" + promiseId + "' = '" + winner + "'");
  }

  @Test
  void drawnRolesAlwaysContainResolver() {
    for (int i = 0; i < 200; i++) {
      assertThat(ParallelProcessesExample.drawRoles(2)).contains(Role.RESOLVE);
    }
  }

  @Test
  void questionAndAnswerExamplePrintsAnswer() {
    String questionId = unique("question");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    QuestionAndAnswerExample.run(client, questionId, printStream(output));

    List<String> lines = lines(output);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("Asked question '" + questionId + "' (invocation inv_");
    assertThat(lines.get(1))
        .isEqualTo("Answer stored for '" + questionId + "': 'Forty-two, of course'");
    assertThat(lines.get(2)).isEqualTo("The question returned: 'Forty-two, of course'");
  }

  @Test
  void restateUriWithoutSchemeIsRejected() {
    assertThatThrownBy(() -> ExampleArguments.parse(new String[] {"p", "localhost:8080"}, "d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("restate-uri must start with http:// or https://, got 'localhost:8080'");
  }

  @Test
  void missingArgumentsUseDefaults() {
    ExampleArguments arguments = ExampleArguments.parse(new String[0], "my-default");

    assertThat(arguments.promiseId()).isEqualTo("my-default");
    assertThat(arguments.restateUri()).isEqualTo("http://localhost:8080");
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static PrintStream printStream(ByteArrayOutputStream output) {
    return new PrintStream(output, true, StandardCharsets.UTF_8);
  }

  private static List<String> lines(ByteArrayOutputStream output) {
    return output.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
