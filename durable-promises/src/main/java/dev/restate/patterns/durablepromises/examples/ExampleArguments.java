package dev.restate.patterns.durablepromises.examples;

/**
 * The command-line arguments that every example takes first: {@code [promise-id] [restate-uri]}.
 *
 * @param promiseId the promise id, or the example's default
 * @param restateUri the Restate ingress, {@code http://localhost:8080} by default
 */
record ExampleArguments(String promiseId, String restateUri) {

  static final String DEFAULT_RESTATE_URI = "http://localhost:8080";

  static ExampleArguments parse(String[] args, String defaultPromiseId) {
    String promiseId = args.length > 0 ? args[0] : defaultPromiseId;
    String restateUri = args.length > 1 ? args[1] : DEFAULT_RESTATE_URI;
    if (promiseId.isBlank()) {
      throw new IllegalArgumentException("promise-id must not be empty");
    }
    if (!restateUri.startsWith("http://") && !restateUri.startsWith("https://")) {
      throw new IllegalArgumentException(
          "restate-uri must start with http:// or https://, got '" + restateUri + "'");
    }
    return new ExampleArguments(promiseId, restateUri);
  }
}
