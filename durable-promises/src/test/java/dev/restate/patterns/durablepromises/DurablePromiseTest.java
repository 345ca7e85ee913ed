package dev.restate.patterns.durablepromises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.examples.AwaitOrResolveExampleProcess;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The typed {@link DurablePromise} API used from outside Restate, through the ingress client. */
@SpringBootTest
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurablePromiseTest {

  @Autowired Client client;
  @Autowired RestateTestServer restate;

  @Test
  void tenConcurrentAwaitersGetSameValue() throws Exception {
    String promiseId = uniquePromise();
    int threadAwaiters = 9;
    ExecutorService pool = Executors.newFixedThreadPool(threadAwaiters);
    try (AwaitOrResolveExampleProcess otherJvm =
        AwaitOrResolveExampleProcess.start(promiseId, restate.ingressUrl(), "await")) {
      // Nine awaiters on threads of this JVM, each with its own handle, and one in another JVM.
      List<Future<String>> threadResults = new ArrayList<>();
      for (int i = 0; i < threadAwaiters; i++) {
        threadResults.add(pool.submit(() -> promise(promiseId).get()));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> PromiseState.listenerCount(restate, promiseId) == threadAwaiters + 1);

      String resolved = promise(promiseId).resolve("the one value");

      assertThat(resolved).isEqualTo("the one value");
      for (Future<String> result : threadResults) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("the one value");
      }
      assertThat(otherJvm.waitForExit(Duration.ofSeconds(30))).isZero();
      assertThat(otherJvm.output())
          .contains(" : Got result for '" + promiseId + "' = 'the one value'");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolveThenRejectKeepsValue() {
    DurablePromise<String> promise = promise(uniquePromise());

    String resolved = promise.resolve("first");
    String afterReject = promise.reject("too late");

    assertThat(resolved).isEqualTo("first");
    assertThat(afterReject).isEqualTo("first");
    assertThat(promise.get()).isEqualTo("first");
    assertThat(promise.peek()).contains("first");
  }

  @Test
  void secondResolveReturnsFirstValue() {
    DurablePromise<String> promise = promise(uniquePromise());
    promise.resolve("first");

    String second = promise.resolve("second");

    assertThat(second).isEqualTo("first");
  }

  @Test
  void rejectedPromiseThrowsFromEveryMethod() {
    String promiseId = uniquePromise();
    DurablePromise<String> promise = promise(promiseId);

    assertThatThrownBy(() -> promise.reject("help!"))
        .isInstanceOfSatisfying(
            DurablePromiseRejectedException.class,
            e -> {
              assertThat(e.getPromiseId()).isEqualTo(promiseId);
              assertThat(e.getErrorMessage()).isEqualTo("help!");
            });
    assertThatThrownBy(promise::get).isInstanceOf(DurablePromiseRejectedException.class);
    assertThatThrownBy(promise::peek).isInstanceOf(DurablePromiseRejectedException.class);
    assertThatThrownBy(() -> promise.resolve("after"))
        .isInstanceOf(DurablePromiseRejectedException.class)
        .hasMessage("promise " + promiseId + " was rejected: help!");
  }

  @Test
  void peekOfOpenPromiseIsEmpty() {
    assertThat(promise(uniquePromise()).peek()).isEmpty();
  }

  @Test
  void getBeforeResolveReturnsWhenResolved() throws Exception {
    String promiseId = uniquePromise();
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(promise(promiseId)::get);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, promiseId) == 1);
    assertThat(waiting).isNotDone();

    promise(promiseId).resolve("done");

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("done");
  }

  @Test
  void disposeRejectsWaitingGet() throws Exception {
    String promiseId = uniquePromise();
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(promise(promiseId)::get);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PromiseState.listenerCount(restate, promiseId) == 1);

    DurablePromiseServerClient.fromClient(client)
        .dispose(new PromiseServerRequest(new PromiseRequest(promiseId, null, null)));

    assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DurablePromiseRejectedException.class)
        .cause()
        .hasMessage(
            "promise " + promiseId + " was rejected: promise " + promiseId + " was disposed");
  }

  @Test
  void recordValuesRoundTrip() {
    DurablePromise<Person> promise =
        DurablePromise.fromClient(client, uniquePromise(), Person.class);
    Person barack = new Person("Barack", "b@whitehouse.gov");

    Person resolved = promise.resolve(barack);

    assertThat(resolved).isEqualTo(barack);
    assertThat(promise.get()).isEqualTo(barack);
  }

  @Test
  void resolveWithNullIsRejectedBeforeAnyCall() {
    String promiseId = uniquePromise();

    assertThatThrownBy(() -> promise(promiseId).resolve(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(promise(promiseId).peek()).isEmpty();
  }

  record Person(String name, String email) {}

  private DurablePromise<String> promise(String promiseId) {
    return DurablePromise.fromClient(client, promiseId, String.class);
  }

  private static String uniquePromise() {
    return "promise-" + UUID.randomUUID();
  }
}
