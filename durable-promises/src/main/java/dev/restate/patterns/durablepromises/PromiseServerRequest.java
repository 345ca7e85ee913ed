package dev.restate.patterns.durablepromises;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of every {@code durablePromiseServer} handler. The promise request sits inside a {@code
 * request} field, as in the curl commands of the original TypeScript demo, for example {@code
 * {"request": {"promiseName": "prom-1", "errorMessage": "help!"}}}. Other top-level fields are
 * ignored, so a body without the wrapper gets the clear error that {@code request} is missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromiseServerRequest(PromiseRequest request) {}
