package dev.restate.patterns.common.clients;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated email service. It logs each email instead of delivering it and keeps the most recent
 * ones in memory, so a demo or a test can see what was sent to whom.
 *
 * <p>Call it inside a durable step ({@code ctx.run}), as you would a real mail API: Restate then
 * records that the email went out and does not send it again on replay.
 */
public class EmailClient {

  private static final Logger log = LoggerFactory.getLogger(EmailClient.class);

  /** Number of sent emails kept in memory; older ones are dropped first. */
  static final int MAX_KEPT_EMAILS = 1000;

  private final Deque<Email> outbox = new ArrayDeque<>();

  /** One email as it was sent. */
  public record Email(String recipient, String subject, String body) {}

  /** Sends an email: logs it and keeps it in the in-memory outbox. */
  public void send(String recipient, String subject, String body) {
    log.info("email to {}: {} ({})", recipient, subject, body);
    synchronized (outbox) {
      if (outbox.size() == MAX_KEPT_EMAILS) {
        outbox.removeFirst();
      }
      outbox.addLast(new Email(recipient, subject, body));
    }
  }

  /** Returns the kept emails sent to {@code recipient}, oldest first. */
  public List<Email> sentTo(String recipient) {
    synchronized (outbox) {
      return outbox.stream().filter(email -> email.recipient().equals(recipient)).toList();
    }
  }
}
