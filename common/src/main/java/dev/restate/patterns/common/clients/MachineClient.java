package dev.restate.patterns.common.clients;

import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated factory machine, moved from one status to another in a transition that the caller
 * starts, waits for and then finishes.
 *
 * <p>Starting a transition fails at random with {@code failureRate}. The failure is an exception,
 * worth retrying, or with {@code crashProcess} set a halt of the whole JVM, as when the process
 * that drives the machine crashes. Every start, failure and finish is logged and recorded in the
 * {@link EffectLog} under the system {@code machine}, the machine id and the target status.
 */
public class MachineClient {

  private static final Logger log = LoggerFactory.getLogger(MachineClient.class);
  private static final String SYSTEM = "machine";

  /** Exit status of a JVM halted by a simulated crash. */
  public static final int CRASH_EXIT_STATUS = 1;

  private final EffectLog effects;
  private final double failureRate;
  private final boolean crashProcess;

  /**
   * @param failureRate the share of transition starts that fail, between 0 and 1
   * @param crashProcess halt the JVM on a failure instead of throwing
   */
  public MachineClient(EffectLog effects, double failureRate, boolean crashProcess) {
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("failureRate must be between 0 and 1, got " + failureRate);
    }
    this.effects = effects;
    this.failureRate = failureRate;
    this.crashProcess = crashProcess;
  }

  /**
   * Starts moving the machine to {@code target}.
   *
   * @throws TransitionFailedException at random, unless {@code crashProcess} is set; then the JVM
   *     halts instead and this method does not return
   */
  public void startTransition(String machineId, String target) {
    log.info("machine {}: beginning transition to {}", machineId, target);
    effects.record(SYSTEM, "transition started", machineId, target);

    if (ThreadLocalRandom.current().nextDouble() < failureRate) {
      effects.record(SYSTEM, "transition failed", machineId, target);
      if (crashProcess) {
        log.warn("[SIMULATED] machine {}: failure, crashing the process", machineId);
        Runtime.getRuntime().halt(CRASH_EXIT_STATUS);
      }
      log.warn("[SIMULATED] machine {}: failure during the transition to {}", machineId, target);
      throw new TransitionFailedException(
          "Machine " + machineId + " failed during the transition to " + target);
    }
  }

  /** Completes the transition to {@code target} that {@link #startTransition} began. */
  public void finishTransition(String machineId, String target) {
    log.info("machine {}: done transitioning to {}", machineId, target);
    effects.record(SYSTEM, "transition finished", machineId, target);
  }

  /** A failed transition start, worth retrying. */
  public static class TransitionFailedException extends RuntimeException {
    public TransitionFailedException(String message) {
      super(message);
    }
  }
}
