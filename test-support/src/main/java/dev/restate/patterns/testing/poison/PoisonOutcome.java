package dev.restate.patterns.testing.poison;

/**
 * What became of one poison case.
 *
 * @param poisonCase the case
 * @param verdict rejected, accepted or failed
 * @param status the HTTP status of the response, or for a case sent one-way the code of the
 *     invocation's terminal error (0 when none)
 * @param message the error message of a rejection, or why the case failed
 * @param invocationId the Restate invocation id, or null when no invocation was created
 */
public record PoisonOutcome(
    PoisonCase poisonCase, Verdict verdict, int status, String message, String invocationId) {

  /** The classes of outcome that the matrix counts. */
  public enum Verdict {
    /** A 4xx whose message names the problem. */
    REJECTED,
    /** Accepted and handled: a 2xx, or an invocation that completed or waits without retrying. */
    ACCEPTED,
    /** Anything else: a 5xx, a 4xx without a fitting message, a timeout, a retrying invocation. */
    FAILED
  }

  static PoisonOutcome rejected(PoisonCase poisonCase, int status, String message, String id) {
    return new PoisonOutcome(poisonCase, Verdict.REJECTED, status, message, id);
  }

  static PoisonOutcome accepted(PoisonCase poisonCase, int status, String id) {
    return new PoisonOutcome(poisonCase, Verdict.ACCEPTED, status, "", id);
  }

  static PoisonOutcome failed(PoisonCase poisonCase, int status, String reason, String id) {
    return new PoisonOutcome(poisonCase, Verdict.FAILED, status, reason, id);
  }
}
