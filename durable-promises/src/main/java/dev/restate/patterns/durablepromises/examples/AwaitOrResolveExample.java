package dev.restate.patterns.durablepromises.examples;

import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.DurablePromise;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Example 2, processes that talk through a promise: this process either awaits the promise or
 * resolves it. Start it in several shells with the same promise id and watch every awaiting process
 * print the value of the one resolver that came first.
 *
 * <p>Arguments: {@code [promise-id] [restate-uri] [resolve|await]}. Without the third argument the
 * role is drawn at random, resolve with probability 0.3 as in the original demo.
 */
public final class AwaitOrResolveExample {

  /** Probability of the resolve role when none is given. */
  static final double RESOLVE_PROBABILITY = 0.3;

  private AwaitOrResolveExample() {}

  /** The role of this process: resolve the promise or await it. */
  enum Role {
    RESOLVE,
    AWAIT
  }

  public static void main(String[] args) {
    ExampleArguments arguments = ExampleArguments.parse(args, "my-example-2-id");
    Role role = args.length > 2 ? parseRole(args[2]) : randomRole();
    run(Client.connect(arguments.restateUri()), arguments.promiseId(), role, System.out);
  }

  static void run(Client client, String promiseId, Role role, PrintStream out) {
    long pid = ProcessHandle.current().pid();
    DurablePromise<String> promise = DurablePromise.fromClient(client, promiseId, String.class);
    out.println(pid + " will " + role + " the promise");

    // 1. Look at the promise without waiting.
    out.println(pid + " : Peek '" + promiseId + "' = '" + promise.peek().orElse(null) + "'");

    // 2. Resolve or wait, by role. Both print the promise's value.
    if (role == Role.RESOLVE) {
      String value = "Completed by " + pid;
      out.println(pid + " : Resolving '" + promiseId + "' to '" + value + "'");
      String actualValue = promise.resolve(value);
      out.println(pid + " : '" + promiseId + "' actually resolved to '" + actualValue + "'");
    } else {
      out.println(pid + " : Awaiting '" + promiseId + "'...");
      String actualValue = promise.get();
      out.println(pid + " : Got result for '" + promiseId + "' = '" + actualValue + "'");
    }
  }

  static Role randomRole() {
    return ThreadLocalRandom.current().nextDouble() < RESOLVE_PROBABILITY
        ? Role.RESOLVE
        : Role.AWAIT;
  }

  private static Role parseRole(String value) {
    try {
      return Role.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the third argument must be resolve or await, got '" + value + "'", e);
    }
  }
}
