package dev.restate.patterns.common.clients;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An ordered, in-memory record of the effects that the simulated downstream clients performed, so
 * that tests and demos can check which effects happened, in which order and with which ids.
 *
 * <p>It keeps the latest {@value #MAX_EFFECTS} effects of this process. Listeners see every effect
 * as it is recorded, for example to write it to a file that outlives the process.
 */
public final class EffectLog {

  /** Number of effects kept; older ones are dropped so that a long demo run does not grow. */
  public static final int MAX_EFFECTS = 10_000;

  /**
   * One effect on a simulated system.
   *
   * @param system the simulated system, for example {@code flight} or {@code payment}
   * @param action what happened, for example {@code reserved} or {@code refunded}
   * @param id the id of the thing it happened to: a booking id, payment id or machine id
   * @param details further facts for readers and tests, for example the passenger name
   */
  public record Effect(String system, String action, String id, String details) {}

  private final Deque<Effect> effects = new ArrayDeque<>();
  private final List<Consumer<Effect>> listeners = new CopyOnWriteArrayList<>();

  /** Records an effect and passes it to the listeners. */
  public void record(String system, String action, String id, String details) {
    Effect effect = new Effect(system, action, id, details);
    synchronized (effects) {
      if (effects.size() == MAX_EFFECTS) {
        effects.removeFirst();
      }
      effects.addLast(effect);
    }
    listeners.forEach(listener -> listener.accept(effect));
  }

  /** Returns the recorded effects, oldest first. */
  public List<Effect> effects() {
    synchronized (effects) {
      return List.copyOf(effects);
    }
  }

  /** Adds a listener that receives each effect recorded from now on. */
  public void addListener(Consumer<Effect> listener) {
    listeners.add(listener);
  }
}
