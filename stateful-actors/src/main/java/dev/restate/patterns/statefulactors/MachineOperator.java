package dev.restate.patterns.statefulactors;

import dev.restate.patterns.common.clients.MachineClient;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateVirtualObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateful actors and durable state machines: one machine of a factory, brought up and torn down.
 *
 * <p>A virtual object keyed by machine id, holding the status UP or DOWN. Restate runs one of
 * {@code setUp} and {@code tearDown} per machine at a time and queues the other calls for that
 * machine, so transitions never overlap, while different machines move in parallel. Each transition
 * is a durable execution: a failure or a crash of the process resumes it where it stopped, with the
 * finished steps and the elapsed wait kept. The module README shows concurrent calls and crashes.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("machineOperator")
public class MachineOperator {

  private static final Logger log = LoggerFactory.getLogger(MachineOperator.class);

  private static final StateKey<Status> STATUS = StateKey.of("status", Status.class);

  private final MachineClient machine;
  private final Duration transitionDuration;

  public MachineOperator(MachineClient machine, StatefulActorsDemoProperties demo) {
    this.machine = machine;
    this.transitionDuration = demo.transitionDuration();
  }

  /** Brings the machine up, unless it is up already, and returns what happened. */
  @Handler
  public String setUp(ObjectContext ctx) {
    String machineId = ctx.key();

    // 1. Ignore a duplicate call.
    if (status(ctx) == Status.UP) {
      log.info("machine {}: already up, nothing to do", machineId);
      return machineId + " is already up, so nothing to do";
    }

    // 2. Bring it up: slow, and it fails often. Calls for this machine wait in the meantime.
    log.info("machine {}: bringing up", machineId);
    transition(ctx, machineId, Status.UP);

    // 3. Store the new status, together with the end of this invocation.
    ctx.set(STATUS, Status.UP);
    return machineId + " is now up";
  }

  /** Tears the machine down if it is up, and returns what happened. */
  @Handler
  public String tearDown(ObjectContext ctx) {
    String machineId = ctx.key();

    // 1. Only a machine that is up can be torn down.
    if (status(ctx) != Status.UP) {
      log.info("machine {}: not up, cannot tear down", machineId);
      return machineId + " is not up, cannot tear down";
    }

    // 2. Tear it down: slow, and it fails often. Calls for this machine wait in the meantime.
    log.info("machine {}: tearing down", machineId);
    transition(ctx, machineId, Status.DOWN);

    // 3. Store the new status, together with the end of this invocation.
    ctx.set(STATUS, Status.DOWN);
    return machineId + " is now down";
  }

  /**
   * Returns the status of the machine, DOWN for a machine never set up. Runs beside transitions.
   */
  @Shared
  public Status getStatus(SharedObjectContext ctx) {
    return ctx.get(STATUS).orElse(Status.DOWN);
  }

  private static Status status(ObjectContext ctx) {
    return ctx.get(STATUS).orElse(Status.DOWN);
  }

  /**
   * Moves the machine to {@code target} in three durable steps. A failed start is retried by
   * Restate, and the wait is a durable timer, so a restarted process waits only what is left.
   */
  private void transition(ObjectContext ctx, String machineId, Status target) {
    ctx.run("start transition", () -> machine.startTransition(machineId, target.name()));
    ctx.sleep(transitionDuration);
    ctx.run("finish transition", () -> machine.finishTransition(machineId, target.name()));
  }
}
