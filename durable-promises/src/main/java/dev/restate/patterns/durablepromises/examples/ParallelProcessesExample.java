package dev.restate.patterns.durablepromises.examples;

import dev.restate.client.Client;
import dev.restate.patterns.durablepromises.DurablePromise;
import dev.restate.patterns.durablepromises.examples.AwaitOrResolveExample.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Example 3, many processes and one winner: starts N Java processes of {@link
 * AwaitOrResolveExample} on the same promise at once. Some resolve and the others await; exactly
 * one resolver wins, and every process prints the winner's value.
 *
 * <p>Arguments: {@code [promise-id] [restate-uri] [process-count]}, 10 processes by default. Each
 * process draws its role as example 2 does, except that one is made a resolver when the draw gave
 * none, so the run always ends.
 */
public final class ParallelProcessesExample {

  static final int DEFAULT_PROCESS_COUNT = 10;

  /** How long the example waits for its processes before it stops them and fails. */
  static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

  private ParallelProcessesExample() {}

  public static void main(String[] args) throws InterruptedException {
    ExampleArguments arguments = ExampleArguments.parse(args, "my-example-3-id");
    int processCount = args.length > 2 ? parseProcessCount(args[2]) : DEFAULT_PROCESS_COUNT;
    boolean allSucceeded =
        run(arguments.promiseId(), arguments.restateUri(), processCount, System.out);
    if (!allSucceeded) {
      System.exit(1);
    }
  }

  /** Runs the processes and returns whether all of them exited with status 0. */
  static boolean run(String promiseId, String restateUri, int processCount, PrintStream out)
      throws InterruptedException {
    out.println("Running " + processCount + " processes of the promise example...");

    // 1. Start the processes, each with its role, copying their output to ours.
    List<Role> roles = drawRoles(processCount);
    List<Process> processes = new ArrayList<>();
    List<Thread> outputCopiers = new ArrayList<>();
    for (Role role : roles) {
      Process process = start(promiseId, restateUri, role);
      processes.add(process);
      outputCopiers.add(copyOutput(process, out));
    }

    // 2. Wait for all of them. Processes still running after the timeout are stopped.
    boolean allSucceeded = true;
    long deadline = System.nanoTime() + PROCESS_TIMEOUT.toNanos();
    for (Process process : processes) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      if (!process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
        out.println(process.pid() + " did not finish within " + PROCESS_TIMEOUT + ", stopping it");
        process.destroyForcibly();
        allSucceeded = false;
      } else if (process.exitValue() != 0) {
        out.println(process.pid() + " exited with status " + process.exitValue());
        allSucceeded = false;
      }
    }
    for (Thread copier : outputCopiers) {
      copier.join();
    }

    // 3. Show the promise's value.
    String actualValue =
        DurablePromise.fromClient(Client.connect(restateUri), promiseId, String.class)
            .peek()
            .orElse(null);
    out.println("Done. '" + promiseId + "' = '" + actualValue + "'");
    return allSucceeded;
  }

  /** Draws a role per process, making one a resolver when the draw gave none. */
  static List<Role> drawRoles(int processCount) {
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < processCount; i++) {
      roles.add(AwaitOrResolveExample.randomRole());
    }
    if (!roles.contains(Role.RESOLVE)) {
      roles.set(ThreadLocalRandom.current().nextInt(processCount), Role.RESOLVE);
    }
    return roles;
  }

  /** Starts example 2 in a new JVM with this JVM's class path. */
  private static Process start(String promiseId, String restateUri, Role role) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AwaitOrResolveExample.class.getName(),
                promiseId,
                restateUri,
                role.name())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + java, e);
    }
  }

  private static Thread copyOutput(Process process, PrintStream out) {
    Thread copier =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  out.println(line);
                }
              } catch (IOException e) {
                out.println(process.pid() + " output could not be read: " + e.getMessage());
              }
            },
            "output-of-" + process.pid());
    copier.start();
    return copier;
  }

  private static int parseProcessCount(String value) {
    try {
      int count = Integer.parseInt(value);
      if (count > 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // Reported below with the other invalid values.
    }
    throw new IllegalArgumentException(
        "process-count must be a positive whole number, got '" + value + "'");
  }
}
