package dev.restate.patterns.payments.statemachine;

import static dev.restate.patterns.common.Validation.requirePositive;

import dev.restate.patterns.common.Validation;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.springboot.RestateVirtualObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts that the payment state machine charges and refunds, one virtual object per account
 * id.
 *
 * <p>It replaces a ledger database in this example. Restate runs one handler per account at a time,
 * so a balance check and the withdrawal after it cannot interleave with another call. An account
 * that was never used starts at the configured opening balance, a fixed number, so balances are
 * reproducible. The module README shows how to read a balance.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("accounts")
public class Account {

  private static final Logger log = LoggerFactory.getLogger(Account.class);

  // NOTE: balances live in Restate state, so that the example is self-contained. Production code
  // would keep them in the ledger database and call it from durable steps.
  private static final StateKey<Long> BALANCE = StateKey.of("balance", Long.class);

  private final PaymentSettings settings;

  public Account(PaymentSettings settings) {
    this.settings = settings;
  }

  /** Withdraws the amount in cents, or rejects it without a change when the balance is short. */
  @Handler
  public WithdrawResult withdraw(ObjectContext ctx, Long amount) {
    requirePositive("amount", amount);
    String accountId = ctx.key();

    // 1. A short balance rejects the withdrawal and leaves the balance as it is.
    long balance = ctx.get(BALANCE).orElse(settings.openingBalance());
    if (balance < amount) {
      log.info("account {}: rejected withdrawal of {}, balance {}", accountId, amount, balance);
      return WithdrawResult.rejected(
          "insufficient funds in account "
              + accountId
              + ": balance "
              + balance
              + ", amount "
              + amount);
    }

    // 2. Withdraw.
    ctx.set(BALANCE, balance - amount);
    log.info("account {}: withdrew {}, balance {}", accountId, amount, balance - amount);
    return WithdrawResult.withdrawn();
  }

  /** Deposits the amount in cents and returns the new balance. */
  @Handler
  public long deposit(ObjectContext ctx, Long amount) {
    requirePositive("amount", amount);
    String accountId = ctx.key();

    long balance = ctx.get(BALANCE).orElse(settings.openingBalance());
    long newBalance;
    try {
      newBalance = Math.addExact(balance, amount);
    } catch (ArithmeticException e) {
      throw Validation.badRequest(
          "amount " + amount + " would overflow the balance of account " + accountId);
    }
    ctx.set(BALANCE, newBalance);
    log.info("account {}: deposited {}, balance {}", accountId, amount, newBalance);
    return newBalance;
  }

  /** Returns the balance in cents. Runs concurrently with withdrawals and deposits. */
  @Shared
  public long balance(SharedObjectContext ctx) {
    return ctx.get(BALANCE).orElse(settings.openingBalance());
  }
}
