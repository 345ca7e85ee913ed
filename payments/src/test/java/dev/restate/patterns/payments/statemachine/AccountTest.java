package dev.restate.patterns.payments.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.testing.WithRestateServer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
@WithRestateServer
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountTest {

  /** The opening balance of the test profile. */
  private static final long OPENING_BALANCE = 1000;

  @Autowired Client client;

  @Test
  void newAccountHasOpeningBalance() {
    assertThat(account().balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void withdrawLowersBalance() {
    AccountClient.IngressClient account = account();

    WithdrawResult result = account.withdraw(300L);

    assertThat(result.success()).isTrue();
    assertThat(result.reason()).isNull();
    assertThat(account.balance()).isEqualTo(700);
  }

  @Test
  void withdrawBeyondBalanceChangesNothing() {
    AccountClient.IngressClient account = account();
    account.withdraw(300L);

    WithdrawResult result = account.withdraw(701L);

    assertThat(result.success()).isFalse();
    assertThat(result.reason()).endsWith(": balance 700, amount 701");
    assertThat(account.balance()).isEqualTo(700);
  }

  @Test
  void withdrawOfWholeBalanceLeavesZero() {
    AccountClient.IngressClient account = account();

    WithdrawResult result = account.withdraw(OPENING_BALANCE);

    assertThat(result.success()).isTrue();
    assertThat(account.balance()).isZero();
  }

  @Test
  void depositReturnsNewBalance() {
    AccountClient.IngressClient account = account();

    long balance = account.deposit(250L);

    assertThat(balance).isEqualTo(1250);
    assertThat(account.balance()).isEqualTo(1250);
  }

  @Test
  void nonPositiveAmountsAreRejected() {
    AccountClient.IngressClient account = account();

    IngressException zeroWithdrawal =
        catchThrowableOfType(IngressException.class, () -> account.withdraw(0L));
    IngressException negativeDeposit =
        catchThrowableOfType(IngressException.class, () -> account.deposit(-1L));

    assertThat(zeroWithdrawal.getStatusCode()).isEqualTo(400);
    assertThat(body(zeroWithdrawal)).contains("amount must be positive, got 0");
    assertThat(negativeDeposit.getStatusCode()).isEqualTo(400);
    assertThat(body(negativeDeposit)).contains("amount must be positive, got -1");
    assertThat(account.balance()).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void overflowingDepositIsRejected() {
    AccountClient.IngressClient account = account();

    IngressException error =
        catchThrowableOfType(IngressException.class, () -> account.deposit(Long.MAX_VALUE));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(body(error)).contains("would overflow the balance");
    assertThat(account.balance()).isEqualTo(OPENING_BALANCE);
  }

  private AccountClient.IngressClient account() {
    return AccountClient.fromClient(client, "account-" + UUID.randomUUID());
  }

  private static String body(IngressException error) {
    return new String(error.getResponseBody(), StandardCharsets.UTF_8);
  }
}
