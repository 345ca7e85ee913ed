package dev.restate.patterns.durablepromises;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.Awakeable;
import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateService;

/**
 * Durable promises over HTTP: the service that curl and the ingress client call with a promise
 * name, forwarding to the {@code promises} virtual object of that name.
 *
 * <p>An await cannot wait inside the virtual object, because that would block every other call to
 * the promise, including the resolve it waits for. So this service creates an awakeable, registers
 * its id with the object and waits for it here. Restate keeps the awaiting invocation suspended for
 * as long as it takes, across restarts of this application. The module README lists the curl
 * bodies.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateService
@Name("durablePromiseServer")
public class DurablePromiseServer {

  /** Maximum length of a promise name. */
  static final int MAX_PROMISE_NAME_LENGTH = 256;

  /** Returns the outcome of the promise, or an open result, without waiting. */
  @Handler
  public PromiseResult peek(Context ctx, PromiseServerRequest body) {
    String promiseName = promiseName(body);

    return DurablePromiseObjectClient.fromContext(ctx, promiseName).peek().await();
  }

  /** Waits until the promise completes and returns its outcome. */
  @Handler
  public PromiseResult await(Context ctx, PromiseServerRequest body) {
    String promiseName = promiseName(body);

    // 1. Register an awakeable as listener. A completed promise resolves it at once.
    Awakeable<PromiseResult> listener = ctx.awakeable(PromiseResult.class);
    DurablePromiseObjectClient.fromContext(ctx, promiseName).await(listener.id()).await();

    // 2. Wait for the outcome. Dispose rejects the awakeable, and the caller gets that as an error
    // message. A cancellation of this invocation stays an error.
    try {
      return listener.await();
    } catch (TerminalException e) {
      // NOTE: a cancelled awaiter's awakeable id stays among the listeners until the promise
      // completes or is disposed; resolving it then does no harm. Production code that expects
      // many cancellations would also remove the listener here.
      if (e.getCode() == TerminalException.CANCELLED_CODE) {
        throw e;
      }
      return PromiseResult.rejected(promiseName, e.getMessage());
    }
  }

  /** Resolves the promise with the request's value, and returns the stored outcome. */
  @Handler
  public PromiseResult resolve(Context ctx, PromiseServerRequest body) {
    String promiseName = promiseName(body);
    requirePresent("request.value", body.request().value());

    return DurablePromiseObjectClient.fromContext(ctx, promiseName)
        .resolve(body.request().value())
        .await();
  }

  /** Rejects the promise with the request's error message, and returns the stored outcome. */
  @Handler
  public PromiseResult reject(Context ctx, PromiseServerRequest body) {
    String promiseName = promiseName(body);
    String errorMessage = requireText("request.errorMessage", body.request().errorMessage());

    return DurablePromiseObjectClient.fromContext(ctx, promiseName).reject(errorMessage).await();
  }

  /** Rejects the waiting listeners and clears the promise. */
  @Handler
  public void dispose(Context ctx, PromiseServerRequest body) {
    String promiseName = promiseName(body);

    DurablePromiseObjectClient.fromContext(ctx, promiseName).dispose().await();
  }

  private static String promiseName(PromiseServerRequest body) {
    if (body == null || body.request() == null) {
      throw badRequest(
          "request is missing: wrap the fields in a request object, as in"
              + " {\"request\": {\"promiseName\": \"prom-1\"}}");
    }
    return requireText(
        "request.promiseName", body.request().promiseName(), MAX_PROMISE_NAME_LENGTH);
  }
}
