package dev.restate.patterns.messaging.invoices;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo settings of the payment reminders.
 *
 * @param interval the time from one reminder to the next, and from the last one to the escalation
 */
@ConfigurationProperties("demo.messaging.reminders")
public record ReminderProperties(@DefaultValue("1d") Duration interval) {}
