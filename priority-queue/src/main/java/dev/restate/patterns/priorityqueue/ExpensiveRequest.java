package dev.restate.patterns.priorityqueue;

import java.math.BigDecimal;

/**
 * The input of {@code myService/expensiveMethod}, with the field names of the original demo.
 *
 * @param left the first operand, any JSON number
 * @param right the second operand, any JSON number
 * @param priority the queue priority, lower numbers first, any JSON number; 1 when missing
 */
public record ExpensiveRequest(BigDecimal left, BigDecimal right, BigDecimal priority) {}
