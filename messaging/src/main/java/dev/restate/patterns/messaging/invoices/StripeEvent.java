package dev.restate.patterns.messaging.invoices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields this module reads of a Stripe webhook event about an invoice. Stripe sends many more;
 * they are ignored.
 *
 * @param id the event id ({@code evt_...}); Stripe may deliver the same event more than once
 * @param type the event type, for example {@code invoice.payment_failed}
 * @param created when Stripe created the event, in seconds since the epoch
 * @param data the object the event is about
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StripeEvent(String id, String type, Long created, Data data) {

  /** The event payload. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Data(Invoice object) {}

  /**
   * The invoice the event is about.
   *
   * @param id the invoice id ({@code in_...})
   * @param customer the customer id ({@code cus_...})
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Invoice(String id, String customer) {}

  /** Returns the invoice id, or null when the event carries none. */
  public String invoiceId() {
    return data == null || data.object() == null ? null : data.object().id();
  }

  /** Returns the customer id, or null when the event carries none. */
  public String customerId() {
    return data == null || data.object() == null ? null : data.object().customer();
  }
}
