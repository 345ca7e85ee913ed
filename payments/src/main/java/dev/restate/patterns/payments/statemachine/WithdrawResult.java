package dev.restate.patterns.payments.statemachine;

/**
 * The result of {@code accounts/withdraw}.
 *
 * @param success whether the amount was withdrawn
 * @param reason why nothing was withdrawn, or null on success
 */
public record WithdrawResult(boolean success, String reason) {

  static WithdrawResult withdrawn() {
    return new WithdrawResult(true, null);
  }

  static WithdrawResult rejected(String reason) {
    return new WithdrawResult(false, reason);
  }
}
