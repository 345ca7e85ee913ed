package dev.restate.patterns.testing.poison;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.patterns.testing.RestateTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A table-driven poison-input test of one module: sends every {@link PoisonCase} of the listed
 * handlers and endpoints and checks that each one is rejected with a 4xx whose message names the
 * problem, or is accepted and handled. Afterwards it checks that no invocation of the module's
 * services is left retrying (backing off, paused, or past its first attempt), and that state stored
 * before the cases is unchanged.
 *
 * <pre>{@code
 * PoisonInputReport report =
 *     PoisonInputMatrix.forModule("durable-rpc", restate)
 *         .target(PoisonTarget.objectHandler("product", "kept", "reserve"))
 *         .keepsState("product kept is reserved", true, () -> isReserved("kept"))
 *         .run();
 * report.assertAllHandled();
 * }</pre>
 *
 * <p>The matrix also checks that it covers every public handler of the services it calls, as the
 * admin API lists them, unless a handler is skipped with a reason. The cases run one after the
 * other, so that the counts do not depend on timing.
 */
public final class PoisonInputMatrix {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FAILURE_CODE =
      Pattern.compile("^\\[(\\d{3})[^]]*]\\s*(.*)$", Pattern.DOTALL);

  /** Invocation statuses of work that is still running and may yet fail or retry. */
  private static final Set<String> ACTIVE_STATUSES = Set.of("running", "ready");

  /** Invocation statuses that count as left retrying. */
  private static final Set<String> RETRYING_STATUSES = Set.of("backing-off", "paused");

  /**
   * The highest {@code retry_count} of an invocation without a failed attempt. restate-server
   * 1.7.12 counts the attempts of the current run, starting at 1 for a running invocation (a
   * suspended or completed one has none), so a higher count means an attempt failed.
   */
  private static final int FIRST_ATTEMPT = 1;

  private final String module;
  private final RestateTestServer server;
  private final List<PoisonTarget> targets = new ArrayList<>();
  private final Set<String> watchedServices = new LinkedHashSet<>();
  private final Map<String, String> skippedHandlers = new LinkedHashMap<>();
  private final Map<String, String> retriesAllowed = new LinkedHashMap<>();
  private final List<StateCheck<?>> stateChecks = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private Duration callTimeout = Duration.ofSeconds(60);
  private Duration settleTimeout = Duration.ofSeconds(60);

  private PoisonInputMatrix(String module, RestateTestServer server) {
    this.module = module;
    this.server = server;
  }

  /** Starts the matrix of {@code module}, whose handlers are registered with {@code server}. */
  public static PoisonInputMatrix forModule(String module, RestateTestServer server) {
    return new PoisonInputMatrix(module, server);
  }

  /** Adds a handler or endpoint. Its cases run in the order in which the targets were added. */
  public PoisonInputMatrix target(PoisonTarget target) {
    targets.add(target);
    if (target.kind == PoisonTarget.Kind.INGRESS) {
      watchedServices.add(target.service);
    }
    return this;
  }

  /**
   * Leaves a public handler out of the coverage check, for example one that only Kafka calls.
   *
   * @param reason why it has no target, for the report
   */
  public PoisonInputMatrix skipHandler(String service, String handler, String reason) {
    skippedHandlers.put(service + "/" + handler, reason);
    return this;
  }

  /**
   * Lets invocations of a handler retry without failing the matrix, for a documented
   * transient-failure demo that the module's test settings keep on.
   */
  public PoisonInputMatrix allowRetries(String service, String handler, String reason) {
    retriesAllowed.put(service + "/" + handler, reason);
    return this;
  }

  /**
   * Checks that state stored before the cases still reads {@code expected} after them, through a
   * shared handler or another read that {@code reader} performs. It must read {@code expected}
   * before the cases too, so that a missing setup cannot pass.
   */
  public <T> PoisonInputMatrix keepsState(String description, T expected, Supplier<T> reader) {
    stateChecks.add(new StateCheck<>(description, expected, reader));
    return this;
  }

  /** Sets how long one request-response case may take; 60 s by default. */
  public PoisonInputMatrix callTimeout(Duration timeout) {
    callTimeout = timeout;
    return this;
  }

  /** Sets how long the matrix waits for the invocations it started to settle; 60 s by default. */
  public PoisonInputMatrix settleTimeout(Duration timeout) {
    settleTimeout = timeout;
    return this;
  }

  /** Runs every case, then the checks, and returns the report; it has printed its count line. */
  public PoisonInputReport run() {
    List<String> problems = new ArrayList<>(uncoveredHandlers());
    for (StateCheck<?> check : stateChecks) {
      String before = check.compare("before the cases");
      if (before != null) {
        throw new IllegalStateException(before + ". Store that state before running the matrix.");
      }
    }
    Set<String> earlierInvocations = invocationIds();

    List<PoisonOutcome> outcomes = new ArrayList<>();
    for (PoisonTarget target : targets) {
      for (PoisonCase poisonCase : PoisonCases.of(target, server.ingressUrl())) {
        outcomes.add(send(poisonCase));
      }
    }

    List<String> retrying = settleAndFindRetrying(earlierInvocations);
    for (StateCheck<?> check : stateChecks) {
      String after = check.compare("after the cases");
      if (after != null) {
        problems.add(after);
      }
    }
    PoisonInputReport report = new PoisonInputReport(module, outcomes, retrying, problems);
    report.print();
    return report;
  }

  private PoisonOutcome send(PoisonCase poisonCase) {
    HttpRequest.Builder request = HttpRequest.newBuilder(poisonCase.uri()).timeout(callTimeout);
    poisonCase.headers().forEach(request::header);
    HttpRequest.BodyPublisher body =
        poisonCase.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(poisonCase.body());
    request.method(poisonCase.target().method, body);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return PoisonOutcome.failed(
          poisonCase, 0, "no response within " + callTimeout.toSeconds() + " s", null);
    } catch (IOException e) {
      return PoisonOutcome.failed(poisonCase, 0, "request failed: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + poisonCase.name(), e);
    }
    String invocationId = response.headers().firstValue("x-restate-id").orElse(null);
    int status = response.statusCode();
    if (status / 100 == 2 && poisonCase.target().viaSend && invocationId != null) {
      return followInvocation(poisonCase, invocationId);
    }
    if (status / 100 == 2) {
      return PoisonOutcome.accepted(poisonCase, status, invocationId);
    }
    return judgeError(poisonCase, status, messageOf(response.body()), invocationId);
  }

  /** Waits until a case sent one-way completes, waits, or retries, and judges that. */
  private PoisonOutcome followInvocation(PoisonCase poisonCase, String invocationId) {
    long deadline = System.nanoTime() + callTimeout.toNanos();
    while (true) {
      List<JsonNode> rows =
          server
              .admin()
              .query(
                  "SELECT status, retry_count, last_failure, completion_result, completion_failure"
                      + " FROM sys_invocation WHERE id = '"
                      + invocationId
                      + "'");
      if (!rows.isEmpty()) {
        JsonNode row = rows.get(0);
        String status = row.path("status").asText();
        if (RETRYING_STATUSES.contains(status) || row.path("retry_count").asInt() > FIRST_ATTEMPT) {
          return PoisonOutcome.failed(
              poisonCase,
              0,
              "invocation " + status + ": " + row.path("last_failure").asText(),
              invocationId);
        }
        if (status.equals("completed")) {
          if (row.path("completion_result").asText().equals("success")) {
            return PoisonOutcome.accepted(poisonCase, 200, invocationId);
          }
          Matcher failure = FAILURE_CODE.matcher(row.path("completion_failure").asText());
          if (!failure.matches()) {
            return PoisonOutcome.failed(
                poisonCase,
                0,
                "failed without a code: " + row.path("completion_failure").asText(),
                invocationId);
          }
          return judgeError(
              poisonCase, Integer.parseInt(failure.group(1)), failure.group(2), invocationId);
        }
        if (!ACTIVE_STATUSES.contains(status)) {
          // Suspended, scheduled or queued behind another call of its key: accepted and waiting.
          return PoisonOutcome.accepted(poisonCase, 202, invocationId);
        }
      }
      if (System.nanoTime() > deadline) {
        return PoisonOutcome.accepted(poisonCase, 202, invocationId);
      }
      pause(Duration.ofMillis(100));
    }
  }

  private static PoisonOutcome judgeError(
      PoisonCase poisonCase, int status, String message, String invocationId) {
    if (status / 100 != 4) {
      return PoisonOutcome.failed(
          poisonCase, status, "status " + status + ": " + message, invocationId);
    }
    if (message.isBlank()) {
      return PoisonOutcome.failed(
          poisonCase, status, "a " + status + " without a message", invocationId);
    }
    String lowerCase = message.toLowerCase(Locale.ROOT);
    boolean named =
        poisonCase.mentions().stream()
            .anyMatch(word -> lowerCase.contains(word.toLowerCase(Locale.ROOT)));
    if (!named) {
      return PoisonOutcome.failed(
          poisonCase,
          status,
          "the message names none of " + poisonCase.mentions() + ": " + message,
          invocationId);
    }
    return PoisonOutcome.rejected(poisonCase, status, message, invocationId);
  }

  /**
   * Waits until no invocation that the cases started is still running, then returns those that
   * retry or are paused after retrying, except the allowed ones.
   */
  private List<String> settleAndFindRetrying(Set<String> earlierInvocations) {
    if (watchedServices.isEmpty()) {
      return List.of();
    }
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    List<JsonNode> started;
    do {
      pause(Duration.ofSeconds(1));
      started = invocationsOfWatchedServices(earlierInvocations);
    } while (started.stream().anyMatch(row -> isActive(row) && !isRetrying(row))
        && System.nanoTime() < deadline);
    // One more look: a failure that a running invocation met may show as a retry only now.
    pause(Duration.ofSeconds(2));
    started = invocationsOfWatchedServices(earlierInvocations);
    List<String> retrying = new ArrayList<>();
    for (JsonNode row : started) {
      String handler =
          row.path("target_service_name").asText() + "/" + row.path("target_handler_name").asText();
      if (isRetrying(row) && !retriesAllowed.containsKey(handler)) {
        retrying.add(
            row.path("id").asText()
                + " "
                + cut(row.path("target").asText(), 80)
                + ": "
                + row.path("status").asText()
                + ", retry count "
                + row.path("retry_count").asInt()
                + ", last failure "
                + cut(row.path("last_failure").asText(), 300));
      }
    }
    return retrying;
  }

  private static boolean isActive(JsonNode row) {
    return ACTIVE_STATUSES.contains(row.path("status").asText());
  }

  private static boolean isRetrying(JsonNode row) {
    return RETRYING_STATUSES.contains(row.path("status").asText())
        || row.path("retry_count").asInt() > FIRST_ATTEMPT;
  }

  private Set<String> invocationIds() {
    Set<String> ids = new HashSet<>();
    for (JsonNode row : invocationsOfWatchedServices(Set.of())) {
      ids.add(row.path("id").asText());
    }
    return ids;
  }

  private List<JsonNode> invocationsOfWatchedServices(Set<String> except) {
    if (watchedServices.isEmpty()) {
      return List.of();
    }
    String services =
        watchedServices.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    return server
        .admin()
        .query(
            "SELECT id, target, target_service_name, target_handler_name, status, retry_count,"
                + " last_failure FROM sys_invocation WHERE target_service_name IN ("
                + services
                + ")")
        .stream()
        .filter(row -> !except.contains(row.path("id").asText()))
        .toList();
  }

  /** Lists the public handlers of the called services that no target and no skip covers. */
  private List<String> uncoveredHandlers() {
    Set<String> covered = new HashSet<>(skippedHandlers.keySet());
    for (PoisonTarget target : targets) {
      if (target.kind == PoisonTarget.Kind.INGRESS) {
        covered.add(target.service + "/" + target.handler);
      }
    }
    List<String> uncovered = new ArrayList<>();
    for (String service : watchedServices) {
      for (JsonNode handler : serviceDescription(service).path("handlers")) {
        String name = service + "/" + handler.path("name").asText();
        if (handler.path("public").asBoolean(true) && !covered.contains(name)) {
          uncovered.add("public handler " + name + " has no poison target and is not skipped");
        }
      }
    }
    return uncovered;
  }

  private JsonNode serviceDescription(String service) {
    URI uri = URI.create(server.adminUrl() + "/services/" + PoisonCases.encode(service));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + uri + " returned " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
  }

  /**
   * Returns the error message of a response body: the {@code message} of a Restate error, the
   * {@code detail} of a problem response, the {@code error.message} of a Stripe error, or else the
   * body itself.
   */
  static String messageOf(String body) {
    if (body == null) {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        for (String field : List.of("message", "detail", "error")) {
          if (node.path(field).isTextual() && !node.path(field).asText().isBlank()) {
            return node.path(field).asText();
          }
        }
        // Stripe's API, which the payments module's stub imitates, nests its error.
        if (node.path("error").path("message").isTextual()) {
          return node.path("error").path("message").asText();
        }
      }
    } catch (IOException e) {
      // Not JSON: the body is the message.
    }
    return body.strip();
  }

  static String cut(String text, int maxLength) {
    String oneLine = text.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= maxLength
        ? oneLine
        : oneLine.substring(0, maxLength) + "... (" + oneLine.length() + " chars)";
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for invocations", e);
    }
  }

  /** State that must read the same before and after the cases. */
  private record StateCheck<T>(String description, T expected, Supplier<T> reader) {

    /** Returns null when the state reads as expected, else what it read instead. */
    String compare(String when) {
      T actual;
      try {
        actual = reader.get();
      } catch (RuntimeException e) {
        return description + ": reading it " + when + " failed: " + e;
      }
      if (Objects.equals(expected, actual)) {
        return null;
      }
      return description + ": expected " + expected + " " + when + ", read " + actual;
    }
  }
}
