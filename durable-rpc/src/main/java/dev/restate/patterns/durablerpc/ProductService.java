package dev.restate.patterns.durablerpc;

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
 * Durable RPC with per-key concurrency: a product that can be reserved once.
 *
 * <p>A virtual object keyed by product id. Restate runs at most one {@code reserve} per product at
 * a time, so two concurrent reservations can never both see the product as free, and the
 * reservation flag is stored by Restate together with the invocation's result. Callers that pass an
 * idempotency key get the first result again when they repeat the request. The module README walks
 * through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("product")
public class ProductService {

  private static final Logger log = LoggerFactory.getLogger(ProductService.class);

  private static final StateKey<Boolean> RESERVED = StateKey.of("reserved", Boolean.class);

  /** Reserves the product; returns true the first time, false once it is reserved. */
  @Handler
  public boolean reserve(ObjectContext ctx) {
    String productId = ctx.key();

    // 1. A product that is already reserved stays with its first reservation.
    if (ctx.get(RESERVED).orElse(false)) {
      log.info("product {}: already reserved", productId);
      return false;
    }

    // 2. Reserve it. The state change commits together with this invocation's result.
    ctx.set(RESERVED, true);
    log.info("product {}: reserved", productId);
    return true;
  }

  /** Returns whether the product is reserved. Runs concurrently with {@code reserve}. */
  @Shared
  public boolean isReserved(SharedObjectContext ctx) {
    return ctx.get(RESERVED).orElse(false);
  }
}
