package dev.restate.patterns.durablepromises.examples;

import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.DurablePromise;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Example 1, basic use from one process: peek, await in the background, resolve, then try to
 * reject. The reject comes too late, because the first completion of a promise wins.
 *
 * <p>Arguments: {@code [promise-id] [restate-uri]}. It prints to standard output, as a command-line
 * program does; the module README shows what to expect.
 */
public final class BasicExample {

  private BasicExample() {}

  public static void main(String[] args) {
    ExampleArguments arguments = ExampleArguments.parse(args, "my-durable-promise-id");
    run(Client.connect(arguments.restateUri()), arguments.promiseId(), System.out);
  }

  static void run(Client client, String promiseId, PrintStream out) {
    DurablePromise<String> promise = DurablePromise.fromClient(client, promiseId, String.class);

    // 1. Look at the promise without waiting.
    out.println("Peeked value: " + promise.peek().orElse(null));

    // 2. Wait for the value in the background.
    CompletableFuture<String> awaited = CompletableFuture.supplyAsync(promise::get);

    // 3. Resolve it. If we are first, the promise's value is ours.
    String resolved = promise.resolve("This promise will notify everyone");
    out.println("Actual result after completing: " + resolved);

    // 4. Reject it. The promise is completed already, so this returns the promise's value.
    String afterReject = promise.reject("Oh dear, rejected");
    out.println("Actual result after rejection: " + afterReject);

    out.println("Result value: " + awaited.join());
  }
}
