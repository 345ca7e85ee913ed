package dev.restate.patterns.testing.poison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One handler behind the Restate ingress, or one HTTP endpoint of the application, together with a
 * valid request. {@link PoisonCases} derives the poison requests from that valid request: the body
 * is emptied, broken, retyped or stripped of fields, a string grows to 1 MiB, and the key or the
 * path variables take odd values.
 *
 * <p>Build one with {@link #handler}, {@link #objectHandler} or {@link #endpoint}, then describe
 * the valid request with the other methods. A target is mutable while it is built and then read by
 * {@link PoisonInputMatrix}.
 */
public final class PoisonTarget {

  /** Where the requests go. */
  enum Kind {
    INGRESS,
    HTTP
  }

  /** What the valid request carries in its body. */
  enum BodyKind {
    NONE,
    JSON,
    TEXT
  }

  final Kind kind;
  final String method;
  final String service;
  final String handler;
  final String baseUrl;
  final String pathTemplate;

  String key;
  boolean freshKeyPerCase;
  String keyName = "key";
  final Map<String, String> pathVariables = new LinkedHashMap<>();
  final Map<String, String> queryParameters = new LinkedHashMap<>();
  final Map<String, String> headers = new LinkedHashMap<>();
  BodyKind bodyKind = BodyKind.NONE;
  String validBody;
  String contentType;
  String bodyName = "body";
  boolean viaSend;
  final List<String> mentions = new ArrayList<>();

  private PoisonTarget(
      Kind kind,
      String method,
      String service,
      String handler,
      String baseUrl,
      String pathTemplate) {
    this.kind = kind;
    this.method = method;
    this.service = service;
    this.handler = handler;
    this.baseUrl = baseUrl;
    this.pathTemplate = pathTemplate;
  }

  /** A handler of a Restate service, called through the ingress without a key. */
  public static PoisonTarget handler(String service, String handler) {
    return new PoisonTarget(Kind.INGRESS, "POST", service, handler, null, null);
  }

  /**
   * A handler of a virtual object or workflow, called through the ingress with {@code key}. The key
   * cases replace it with a 300-character key and keys with spaces, slashes and non-ASCII letters.
   */
  public static PoisonTarget objectHandler(String service, String key, String handler) {
    PoisonTarget target = new PoisonTarget(Kind.INGRESS, "POST", service, handler, null, null);
    target.key = Objects.requireNonNull(key, "key");
    return target;
  }

  /**
   * An HTTP endpoint of the application at {@code baseUrl}, for example {@code POST} and {@code
   * /reserve/{productId}/{reservationId}}. Give each path variable a valid value with {@link
   * #pathVariable}; the key cases replace one variable at a time.
   */
  public static PoisonTarget endpoint(String method, String baseUrl, String pathTemplate) {
    return new PoisonTarget(Kind.HTTP, method, null, null, baseUrl, pathTemplate);
  }

  /** Sets a valid value of a path variable of an HTTP endpoint. */
  public PoisonTarget pathVariable(String name, String value) {
    requireKind(Kind.HTTP, "pathVariable");
    if (!pathTemplate.contains("{" + name + "}")) {
      throw new IllegalArgumentException(pathTemplate + " has no path variable " + name);
    }
    pathVariables.put(name, value);
    return this;
  }

  /**
   * Adds a query parameter with a valid value. A numeric value also gets a case with a value that
   * is not a number.
   */
  public PoisonTarget queryParameter(String name, String value) {
    queryParameters.put(name, value);
    return this;
  }

  /** Sends this header with every case, for example an API key or a signature. */
  public PoisonTarget header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Sets a valid JSON body: an object, or a scalar such as a string or a number. */
  public PoisonTarget jsonBody(String json) {
    bodyKind = BodyKind.JSON;
    validBody = json;
    contentType = "application/json";
    return this;
  }

  /**
   * Sets a valid body that is not JSON, such as text lines or a form. The cases send it empty, as
   * bytes in no text format, and with a 1 MiB string appended.
   */
  public PoisonTarget textBody(String body, String contentType) {
    bodyKind = BodyKind.TEXT;
    validBody = body;
    this.contentType = contentType;
    return this;
  }

  /**
   * Names a scalar JSON body or a text body in error messages, for example {@code questionId} for a
   * handler that takes the question id as a JSON string.
   */
  public PoisonTarget bodyName(String name) {
    bodyName = name;
    return this;
  }

  /** Names the key in error messages, for example {@code invoice} or {@code productId}. */
  public PoisonTarget keyName(String name) {
    keyName = name;
    return this;
  }

  /**
   * Gives every body case a key of its own, the key followed by the case number, for a workflow
   * that runs once per key or an object whose accepted cases would change the state of the key.
   */
  public PoisonTarget freshKeyPerCase() {
    requireKind(Kind.INGRESS, "freshKeyPerCase");
    freshKeyPerCase = true;
    return this;
  }

  /**
   * Sends the cases one-way ({@code /send}) and reads their outcome from Restate's invocation
   * table, for a handler that waits with valid input, for example for an awakeable. A case that
   * ends with a terminal 4xx error counts as rejected, and one that completes or waits as accepted.
   */
  public PoisonTarget viaSend() {
    requireKind(Kind.INGRESS, "viaSend");
    viaSend = true;
    return this;
  }

  /**
   * Adds words of which a rejection message may name one instead of the case's own, for a target
   * that rejects every changed request for one reason, such as a signature that no longer matches.
   */
  public PoisonTarget mentions(String... words) {
    mentions.addAll(List.of(words));
    return this;
  }

  /** Returns a short name for reports, such as {@code product/reserve} or {@code POST /tasks}. */
  public String name() {
    if (kind == Kind.INGRESS) {
      return key == null ? service + "/" + handler : service + "/{key}/" + handler;
    }
    return method + " " + pathTemplate;
  }

  boolean hasKey() {
    return kind == Kind.INGRESS ? key != null : !pathVariables.isEmpty();
  }

  private void requireKind(Kind expected, String method) {
    if (kind != expected) {
      throw new IllegalStateException(method + " applies to " + expected + " targets only");
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
