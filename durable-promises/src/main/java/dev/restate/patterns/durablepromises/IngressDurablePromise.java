package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import java.util.Optional;

/**
 * A {@link DurablePromise} reached from outside Restate: each call is an HTTP request to {@code
 * durablePromiseServer} through the ingress, with the same body a curl command sends.
 */
final class IngressDurablePromise<T> implements DurablePromise<T> {

  private final String promiseId;
  private final PromiseValues<T> values;
  private final DurablePromiseServerClient.IngressClient server;

  IngressDurablePromise(Client client, String promiseId, Class<T> type) {
    this.promiseId = promiseId;
    this.values = new PromiseValues<>(promiseId, type);
    this.server = DurablePromiseServerClient.fromClient(client);
  }

  @Override
  public String id() {
    return promiseId;
  }

  // NOTE: the HTTP request stays open until the promise completes, with no client-side timeout. A
  // caller that gives up leaves its await invocation waiting in Restate; cancel it through the
  // admin API, or call await with an idempotency key so that a retry joins the same invocation.
  @Override
  public T get() {
    return values.valueOf(server.await(request(null, null)));
  }

  @Override
  public Optional<T> peek() {
    return values.peekedValueOf(server.peek(request(null, null)));
  }

  @Override
  public T resolve(T value) {
    return values.valueOf(server.resolve(request(values.toJson(value), null)));
  }

  @Override
  public T reject(String errorMessage) {
    return values.valueOf(server.reject(request(null, errorMessage)));
  }

  private PromiseServerRequest request(JsonNode value, String errorMessage) {
    return new PromiseServerRequest(new PromiseRequest(promiseId, value, errorMessage));
  }
}
