package dev.restate.patterns.durablerpc;

import static dev.restate.patterns.common.Validation.requireNoSpaces;
import static dev.restate.patterns.common.Validation.requirePrintableAscii;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.client.Client;
import dev.restate.patterns.common.Validation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web front of the durable RPC pattern: turns {@code POST /reserve/{productId}/{reservationId}}
 * into a call of {@code product/{productId}/reserve} through the Restate ingress.
 *
 * <p>The reservation id goes along as the idempotency key. Restate runs the handler once per key
 * and stores its result, so a client that retries after a timeout or a crash gets the first result
 * again instead of a second reservation.
 */
@RestController
public class ReservationController {

  /** Maximum length of a product or reservation id. */
  static final int MAX_ID_LENGTH = 256;

  private final Client restate;

  public ReservationController(Client restate) {
    this.restate = restate;
  }

  @PostMapping("/reserve/{productId}/{reservationId}")
  public boolean reserve(@PathVariable String productId, @PathVariable String reservationId) {
    requireText("productId", productId, MAX_ID_LENGTH);
    requireText("reservationId", reservationId, MAX_ID_LENGTH);
    // NOTE: the Restate Java client 2.4.1 writes a space in a key as '+' and sends the idempotency
    // key as an HTTP header, so such ids would reach another key or fail. Production code would
    // use ids without these characters, or call the ingress with its own HTTP client.
    requireNoSpaces("productId", productId);
    requirePrintableAscii("reservationId", reservationId);

    return ProductServiceClient.fromClient(restate, productId)
        .reserve(request -> request.idempotencyKey(reservationId));
  }

  /** Without this mapping a missing reservation id would be a bare 404. */
  @PostMapping({"/reserve/{productId}", "/reserve/{productId}/"})
  public boolean reserveWithoutReservationId(@PathVariable String productId) {
    throw Validation.badRequest(
        "reservationId is missing: use POST /reserve/{productId}/{reservationId}");
  }
}
