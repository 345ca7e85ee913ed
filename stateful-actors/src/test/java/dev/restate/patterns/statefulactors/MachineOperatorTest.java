package dev.restate.patterns.statefulactors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Drives machines through the ingress, with short transitions that never fail. */
@SpringBootTest(
    properties = {
      "demo.stateful-actors.transition-duration=1s",
      "demo.stateful-actors.failure-rate=0",
      "demo.stateful-actors.crash-process=false"
    })
@WithRestateServer
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MachineOperatorTest {

  private static final Set<String> TRANSITION_ACTIONS =
      Set.of("transition started", "transition finished");

  @Autowired RestateTestServer restate;
  @Autowired RestateHttpEndpointBean endpoint;
  @Autowired EffectLog effectLog;

  @Test
  void deploymentServesMachineOperatorWithItsHandlers() {
    List<String> services =
        restate.admin().registerDeployment(restate.deploymentUri(endpoint.actualPort()), true);

    assertThat(services).containsExactly("machineOperator");
    assertThat(restate.admin().handlerNames("machineOperator"))
        .containsExactlyInAnyOrder("setUp", "tearDown", "getStatus");
  }

  @Test
  void setUpAndTearDownReturnDemoMessages() throws Exception {
    String machine = uniqueMachine();

    String firstSetUp = message(ingress().call(machine, "setUp"));
    String statusAfterSetUp = ingress().status(machine);
    String secondSetUp = message(ingress().call(machine, "setUp"));
    String firstTearDown = message(ingress().call(machine, "tearDown"));
    String secondTearDown = message(ingress().call(machine, "tearDown"));

    assertThat(firstSetUp).isEqualTo(machine + " is now up");
    assertThat(statusAfterSetUp).isEqualTo("UP");
    assertThat(secondSetUp).isEqualTo(machine + " is already up, so nothing to do");
    assertThat(firstTearDown).isEqualTo(machine + " is now down");
    assertThat(secondTearDown).isEqualTo(machine + " is not up, cannot tear down");
    assertThat(ingress().status(machine)).isEqualTo("DOWN");
    assertThat(transitionsOf(machine))
        .containsExactly(
            "transition started UP",
            "transition finished UP",
            "transition started DOWN",
            "transition finished DOWN");
  }

  @Test
  void tearDownOfNewMachineSaysNotUp() throws Exception {
    String machine = uniqueMachine();

    String message = message(ingress().call(machine, "tearDown"));

    assertThat(message).isEqualTo(machine + " is not up, cannot tear down");
    assertThat(ingress().status(machine)).isEqualTo("DOWN");
    assertThat(transitionsOf(machine)).isEmpty();
  }

  @Test
  void demoCallsQueuePerMachine() throws Exception {
    String a = uniqueMachine();
    String b = uniqueMachine();

    // The five calls of the README, enqueued in this order.
    List<String> invocations =
        List.of(
            ingress().send(a, "setUp"),
            ingress().send(a, "tearDown"),
            ingress().send(b, "setUp"),
            ingress().send(b, "setUp"),
            ingress().send(b, "tearDown"));
    List<String> results = new ArrayList<>();
    for (String invocation : invocations) {
      results.add(ingress().attach(invocation));
    }

    assertThat(results)
        .containsExactly(
            a + " is now up",
            a + " is now down",
            b + " is now up",
            b + " is already up, so nothing to do",
            b + " is now down");
    assertThat(transitionsOf(a))
        .containsExactly(
            "transition started UP",
            "transition finished UP",
            "transition started DOWN",
            "transition finished DOWN");
    assertThat(transitionsOf(b))
        .containsExactly(
            "transition started UP",
            "transition finished UP",
            "transition started DOWN",
            "transition finished DOWN");
    // Each machine started its first transition before the other finished its own.
    assertThat(indexOf(a, "transition started UP"))
        .isLessThan(indexOf(b, "transition finished UP"));
    assertThat(indexOf(b, "transition started UP"))
        .isLessThan(indexOf(a, "transition finished UP"));
  }

  @Test
  void concurrentCallsOnOneMachineNeverOverlap() throws Exception {
    String machine = uniqueMachine();
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String handler = i % 2 == 0 ? "setUp" : "tearDown";
      calls.add(() -> message(ingress().call(machine, handler)));
    }

    List<String> messages = runConcurrently(calls);

    assertThat(messages).hasSize(6).doesNotContainNull();
    List<String> transitions = transitionsOf(machine);
    assertThat(transitions).isNotEmpty().hasSizeLessThanOrEqualTo(12);
    for (int i = 0; i < transitions.size(); i += 2) {
      String started = transitions.get(i);
      assertThat(started).startsWith("transition started ");
      String target = started.substring("transition started ".length());
      assertThat(transitions.get(i + 1)).isEqualTo("transition finished " + target);
    }
    long transitionsRun =
        messages.stream()
            .filter(message -> message.endsWith(" is now up") || message.endsWith(" is now down"))
            .count();
    assertThat(transitions).hasSize((int) transitionsRun * 2);
  }

  @Test
  void unknownHandlerIsNotFound() throws Exception {
    HttpResponse<String> response = ingress().call(uniqueMachine(), "explode");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Ingress.JSON.readTree(response.body()).path("message").asText())
        .startsWith(
            "the service 'machineOperator' exists, but the handler 'explode' was not found");
  }

  @Test
  void misspelledServiceIsNotFound() throws Exception {
    HttpResponse<String> response =
        ingress().post("/machineOperater/" + uniqueMachine() + "/setUp");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void putIsMethodNotAllowed() throws Exception {
    HttpResponse<String> response =
        ingress().request("PUT", "/machineOperator/" + uniqueMachine() + "/setUp");

    assertThat(response.statusCode()).isEqualTo(405);
  }

  private Ingress ingress() {
    return new Ingress(restate.ingressUrl());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    return Ingress.JSON.readTree(response.body()).asText();
  }

  /** Returns the starts and finishes of the machine's transitions, oldest first. */
  private List<String> transitionsOf(String machine) {
    return effectLog.effects().stream()
        .filter(effect -> effect.id().equals(machine))
        .filter(effect -> TRANSITION_ACTIONS.contains(effect.action()))
        .map(effect -> effect.action() + " " + effect.details())
        .toList();
  }

  /** Returns the position of the first matching effect in the whole effect log. */
  private int indexOf(String machine, String transition) {
    List<EffectLog.Effect> effects = effectLog.effects();
    for (int i = 0; i < effects.size(); i++) {
      EffectLog.Effect effect = effects.get(i);
      if (effect.id().equals(machine)
          && (effect.action() + " " + effect.details()).equals(transition)) {
        return i;
      }
    }
    throw new AssertionError("no effect '" + transition + "' on machine " + machine);
  }

  private static String uniqueMachine() {
    return "machine-" + UUID.randomUUID();
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(calls)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
