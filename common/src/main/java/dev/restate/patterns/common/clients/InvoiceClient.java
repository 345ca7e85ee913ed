package dev.restate.patterns.common.clients;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated invoicing API of a payment provider, in the style of Stripe's invoices. It logs
 * each call and keeps the invoices it marked uncollectible in memory, so a demo or a test can see
 * them.
 *
 * <p>Call it inside a durable step ({@code ctx.run}). Marking an invoice twice has the same effect
 * as marking it once, as with the real API, so a retried step does no harm.
 */
public class InvoiceClient {

  private static final Logger log = LoggerFactory.getLogger(InvoiceClient.class);

  /** Number of uncollectible invoices kept in memory; older ones are dropped first. */
  static final int MAX_KEPT_INVOICES = 1000;

  private final Set<String> uncollectible = new LinkedHashSet<>();

  /**
   * Marks an invoice uncollectible, which stops the provider's own payment retries for it. Returns
   * false when the invoice was already marked.
   */
  public boolean markUncollectible(String invoiceId) {
    synchronized (uncollectible) {
      if (uncollectible.contains(invoiceId)) {
        log.info("invoice {}: already marked uncollectible", invoiceId);
        return false;
      }
      if (uncollectible.size() == MAX_KEPT_INVOICES) {
        uncollectible.remove(uncollectible.iterator().next());
      }
      uncollectible.add(invoiceId);
    }
    log.info("invoice {}: marked uncollectible at the payment provider", invoiceId);
    return true;
  }

  /** Returns the kept invoice ids marked uncollectible, oldest first. */
  public List<String> uncollectibleInvoices() {
    synchronized (uncollectible) {
      return List.copyOf(uncollectible);
    }
  }
}
