package dev.restate.patterns.priorityqueue;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The expensive operation with a recorder around it. It counts the operations running at once where
 * they run and records the order in which they start, by their left operand. It can also hold them
 * at a gate until the test lets them go.
 */
public class RecordingOperation extends ExpensiveOperation {

  /** Maximum time an operation waits at a closed gate before it fails the test. */
  private static final long GATE_TIMEOUT_SECONDS = 60;

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final List<BigDecimal> startedLeftOperands = new CopyOnWriteArrayList<>();
  private volatile Semaphore gate;

  public RecordingOperation(PriorityQueueProperties properties) {
    super(properties);
  }

  @Override
  public BigDecimal add(BigDecimal left, BigDecimal right) throws InterruptedException {
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    startedLeftOperands.add(left);
    try {
      Semaphore closedGate = gate;
      if (closedGate != null && !closedGate.tryAcquire(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "operation " + left + " + " + right + " was held longer than the gate timeout");
      }
      return super.add(left, right);
    } finally {
      running.decrementAndGet();
    }
  }

  /** Closes the gate: operations that start from now on wait until released. */
  public void hold() {
    gate = new Semaphore(0);
  }

  /** Lets one waiting operation, or the next one to arrive, pass the closed gate. */
  public void releaseOne() {
    gate.release();
  }

  /** Opens the gate for every waiting and future operation. */
  public void releaseAll() {
    Semaphore closedGate = gate;
    gate = null;
    if (closedGate != null) {
      closedGate.release(Integer.MAX_VALUE / 2);
    }
  }

  /** Forgets the counts and the start order of earlier tests. */
  public void reset() {
    maxRunning.set(running.get());
    startedLeftOperands.clear();
  }

  public int running() {
    return running.get();
  }

  public int maxRunning() {
    return maxRunning.get();
  }

  public List<BigDecimal> startedLeftOperands() {
    return List.copyOf(startedLeftOperands);
  }
}
