package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The promise request that a caller of {@code durablePromiseServer} sends, inside the {@code
 * request} field of {@link PromiseServerRequest}.
 *
 * @param promiseName the promise id; every handler needs it
 * @param value the value to resolve with; only {@code resolve} reads it
 * @param errorMessage the message to reject with; only {@code reject} reads it
 */
public record PromiseRequest(String promiseName, JsonNode value, String errorMessage) {}
