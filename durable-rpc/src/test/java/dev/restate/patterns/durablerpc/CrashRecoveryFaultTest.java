package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.testing.faults.ApplicationProcess;
import dev.restate.patterns.testing.faults.FaultReport;
import dev.restate.patterns.testing.faults.FaultTestServer;
import dev.restate.patterns.testing.faults.Invocations;
import dev.restate.patterns.testing.faults.Invocations.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes the application (SIGKILL) and restarts the Restate server while reservations are in
 * flight: every accepted reservation completes, each product is reserved exactly once, and a
 * reservation id repeated after the fault gets its first result again.
 *
 * <p>{@code reserve} has no step to stop in, so the faults hit a stream of reservations: half of
 * them are sent before the fault, the other half while the application or server is down or just
 * back. The reservations of one product queue up behind each other, so some are in flight at the
 * kill. The test counts the results here, outside the killed JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryFaultTest {

  private static final String MODULE = "durable-rpc";
  private static final int PRODUCTS = 5;
  private static final int RESERVATIONS_PER_PRODUCT = 8;
  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(90);

  private FaultTestServer restate;
  private ApplicationProcess application;
  private Client client;

  @BeforeAll
  void startServerAndApplication() {
    restate = FaultTestServer.start(MODULE + "-faults");
    application =
        ApplicationProcess.builder(MODULE + "-faults", DurableRpcApplication.class)
            .ingress(restate.ingressUrl())
            .withWebPort()
            .build();
    application.start();
    restate.register(application);
    client = restate.client();
  }

  @AfterAll
  void stopServerAndApplication() {
    if (application != null) {
      application.close();
    }
    if (restate != null) {
      restate.close();
    }
  }

  @Test
  void killDuringReservationsReservesEachProductOnce() {
    Reservations reservations = new Reservations("kill");

    reservations.sendFirstHalf();
    application.kill();
    reservations.sendSecondHalf();
    application.start();

    reservations.awaitAndCheck("kill during reservations");
  }

  @Test
  void serverRestartDuringReservationsReservesEachProductOnce() {
    Reservations reservations = new Reservations("restart");

    reservations.sendFirstHalf();
    restate.restart();
    reservations.sendSecondHalf();

    reservations.awaitAndCheck("restate-server restart during reservations");
  }

  /** Reservations of a few products under distinct reservation ids, sent one-way. */
  private final class Reservations {

    private final List<String> products = new ArrayList<>();
    private final List<String> reservationIds = new ArrayList<>();
    private final List<String> invocationIds = new ArrayList<>();

    Reservations(String prefix) {
      for (int p = 0; p < PRODUCTS; p++) {
        String product = prefix + "-product-" + p + "-" + UUID.randomUUID();
        for (int r = 0; r < RESERVATIONS_PER_PRODUCT; r++) {
          products.add(product);
          reservationIds.add(product + "-reservation-" + r);
        }
      }
    }

    void sendFirstHalf() {
      send(0, products.size() / 2);
    }

    void sendSecondHalf() {
      send(products.size() / 2, products.size());
    }

    private void send(int from, int to) {
      for (int i = from; i < to; i++) {
        String reservationId = reservationIds.get(i);
        invocationIds.add(
            ProductServiceClient.fromClient(client, products.get(i))
                .send()
                .reserve(request -> request.idempotencyKey(reservationId))
                .invocationId());
      }
    }

    void awaitAndCheck(String scenario) {
      List<Outcome<Boolean>> outcomes =
          Invocations.awaitAll(client, invocationIds, Boolean.class, COMPLETION_TIMEOUT);
      Map<String, Long> grantedPerProduct = new HashMap<>();
      for (int i = 0; i < outcomes.size(); i++) {
        if (Boolean.TRUE.equals(outcomes.get(i).value())) {
          grantedPerProduct.merge(products.get(i), 1L, Long::sum);
        }
      }
      long completed = outcomes.stream().filter(Outcome::succeeded).count();
      long granted = grantedPerProduct.values().stream().mapToLong(Long::longValue).sum();
      new FaultReport(MODULE, scenario, invocationIds.size(), (int) completed, PRODUCTS, granted)
          .print();

      assertThat(completed).isEqualTo(invocationIds.size());
      assertThat(grantedPerProduct)
          .hasSize(PRODUCTS)
          .allSatisfy((product, count) -> assertThat(count).as(product).isEqualTo(1));
      assertThat(restate.unfinishedInvocationsOf("product")).isEmpty();
      assertRepeatsGetFirstAnswer(outcomes);
    }

    /** A reservation id sent again after the fault returns its stored first result. */
    private void assertRepeatsGetFirstAnswer(List<Outcome<Boolean>> outcomes) {
      Map<String, Boolean> firstAnswers =
          IntStream.range(0, outcomes.size())
              .boxed()
              .collect(Collectors.toMap(reservationIds::get, i -> outcomes.get(i).value()));
      for (int i = 0; i < reservationIds.size(); i += RESERVATIONS_PER_PRODUCT / 2) {
        String reservationId = reservationIds.get(i);
        boolean repeated =
            ProductServiceClient.fromClient(client, products.get(i))
                .reserve(request -> request.idempotencyKey(reservationId));
        assertThat(repeated).as(reservationId).isEqualTo(firstAnswers.get(reservationId));
      }
    }
  }
}
