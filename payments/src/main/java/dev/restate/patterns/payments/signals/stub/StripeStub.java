package dev.restate.patterns.payments.signals.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.restate.patterns.payments.signals.StripeConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Stripe's PaymentIntents API and its webhooks, for running the payment flow
 * without a Stripe account. The real stripe-java client talks to it over HTTP on loopback.
 *
 * <p>It serves {@code POST /v1/payment_intents} with confirmation, checks the API key, and stores
 * each response under its {@code Idempotency-Key} as Stripe does, so a retry gets the first
 * response. The payment method picks the outcome: {@code pm_card_visa} and {@code
 * pm_card_mastercard} succeed, {@code pm_card_visa_chargeDeclined} and {@code
 * pm_card_chargeDeclined} are declined with 402, and {@code pm_stub_processing} stays {@code
 * processing} until the stub settles it. Each PaymentIntent's events ({@code
 * payment_intent.created}, then {@code .processing}, {@code .succeeded} or {@code .payment_failed})
 * are signed with a webhook secret made at start and sent to the webhook URL, by the stub itself
 * after a delay or on request.
 *
 * <p>Tests use the methods that real Stripe does not have: {@link #failNextResponses(int)}, {@link
 * #requests()}, {@link #settle(String)} and {@link #deliverWebhooks(String)}.
 */
public final class StripeStub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StripeStub.class);

  /** The test payment method that leaves a PaymentIntent processing; Stripe has no such card. */
  public static final String PROCESSING_PAYMENT_METHOD = "pm_stub_processing";

  private static final Set<String> SUCCEEDING_PAYMENT_METHODS =
      Set.of("pm_card_visa", "pm_card_mastercard");
  private static final Set<String> DECLINED_PAYMENT_METHODS =
      Set.of("pm_card_visa_chargeDeclined", "pm_card_chargeDeclined");

  private static final String PAYMENT_INTENTS_PATH = "/v1/payment_intents";

  /** Stripe's smallest charge in USD, in cents. */
  private static final long MIN_AMOUNT = 50;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService requestExecutor = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService deliveryScheduler =
      Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey = "sk_test_stub_" + randomToken(24);
  private final String webhookSecret = "whsec_stub_" + randomToken(32);
  private final URI webhookUrl;
  private final Duration webhookDelay;
  private final boolean deliverWebhooks;

  // Guarded by this. NOTE: kept in memory only. A restart loses the PaymentIntents and their
  // unsent events, so a payment that waited for one of them keeps waiting.
  private final Map<String, ObjectNode> paymentIntents = new LinkedHashMap<>();
  private final Map<String, List<String>> pendingEventTypes = new LinkedHashMap<>();
  private final Map<String, StoredResponse> responsesByIdempotencyKey = new LinkedHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private int failuresLeft;

  private StripeStub(HttpServer server, URI webhookUrl, StripeStubSettings settings) {
    this.server = server;
    this.webhookUrl = webhookUrl;
    this.webhookDelay = settings.webhookDelay();
    this.deliverWebhooks = settings.deliverWebhooks();
    this.failuresLeft = settings.failedResponses();
  }

  /** Starts the stub on the loopback port of the settings. */
  public static StripeStub start(StripeStubSettings settings, URI webhookUrl) {
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
    } catch (BindException e) {
      throw new IllegalStateException(
          "The Stripe stub cannot listen on port "
              + settings.port()
              + ": "
              + e.getMessage()
              + ". Free the port or set demo.payments.stripe-stub.port.",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("The Stripe stub could not start", e);
    }
    StripeStub stub = new StripeStub(server, webhookUrl, settings);
    server.createContext("/", stub::handle);
    server.setExecutor(stub.requestExecutor);
    server.start();
    return stub;
  }

  /** Returns the base URL, API key and webhook secret under which stripe-java reaches this stub. */
  public StripeConnection connection() {
    return new StripeConnection(apiBase(), apiKey, webhookSecret);
  }

  public String apiBase() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Makes the next {@code count} PaymentIntent requests fail with 500 after the stub processed and
   * stored them, as when the response is lost on its way back. A retry with the same idempotency
   * key gets the stored response.
   */
  public synchronized void failNextResponses(int count) {
    failuresLeft = count;
  }

  /** Returns the API requests received so far, oldest first. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Returns the PaymentIntents created so far, oldest first, as Stripe would return them. */
  public synchronized List<JsonNode> paymentIntents() {
    return paymentIntents.values().stream().map(intent -> (JsonNode) intent.deepCopy()).toList();
  }

  /** Ends the processing of a PaymentIntent: it succeeds, and its success event is queued. */
  public synchronized void settle(String paymentIntentId) {
    ObjectNode intent = requireIntent(paymentIntentId);
    if (!"processing".equals(intent.path("status").asText())) {
      return;
    }
    intent.put("status", "succeeded");
    intent.put("amount_received", intent.path("amount").asLong());
    pendingEventTypes.get(paymentIntentId).add("payment_intent.succeeded");
    log.info("stripe stub: payment intent {} settled, succeeded", paymentIntentId);
  }

  /** Sends the queued events of a PaymentIntent to the webhook URL, oldest first. */
  public List<Delivery> deliverWebhooks(String paymentIntentId) {
    List<String> payloads = new ArrayList<>();
    List<String> types;
    synchronized (this) {
      requireIntent(paymentIntentId);
      types = List.copyOf(pendingEventTypes.get(paymentIntentId));
      pendingEventTypes.get(paymentIntentId).clear();
      for (String type : types) {
        payloads.add(eventPayload(paymentIntentId, type));
      }
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      deliveries.add(send(types.get(i), payloads.get(i), paymentIntentId));
    }
    return deliveries;
  }

  /** Builds a Stripe event of the given type that carries the PaymentIntent as it is now. */
  public synchronized String eventPayload(String paymentIntentId, String type) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", "evt_" + randomToken(24));
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", Instant.now().getEpochSecond());
    event.putObject("data").set("object", requireIntent(paymentIntentId).deepCopy());
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    event.put("type", type);
    return event.toString();
  }

  /** Signs a payload as Stripe does: {@code t=<seconds>,v1=<HMAC-SHA256 of t.payload>}. */
  public String signatureHeader(String payload, long timestampSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((timestampSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestampSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    requestExecutor.shutdownNow();
    deliveryScheduler.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      StubResponse response;
      if (!"POST".equals(exchange.getRequestMethod()) || !PAYMENT_INTENTS_PATH.equals(path)) {
        response = error(404, "invalid_request_error", null, "Unrecognized request URL: " + path);
      } else {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        response =
            createPaymentIntent(
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                parseForm(body));
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Request-Id", "req_" + randomToken(14));
      exchange.sendResponseHeaders(response.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private synchronized StubResponse createPaymentIntent(
      String authorization, String idempotencyKey, Map<String, String> params) {
    StubResponse response = responseFor(authorization, idempotencyKey, params);
    requests.add(
        new RecordedRequest(
            PAYMENT_INTENTS_PATH, idempotencyKey, Map.copyOf(params), response.status()));
    return response;
  }

  private StubResponse responseFor(
      String authorization, String idempotencyKey, Map<String, String> params) {
    if (!("Bearer " + apiKey).equals(authorization)) {
      return error(401, "invalid_request_error", null, "Invalid API Key provided");
    }

    // 1. A known idempotency key gets the stored response, if the parameters are the same.
    StoredResponse stored =
        idempotencyKey == null ? null : responsesByIdempotencyKey.get(idempotencyKey);
    if (stored != null) {
      if (!stored.params().equals(params)) {
        return error(
            400,
            "idempotency_error",
            null,
            "Keys for idempotent requests can only be used with the same parameters they were"
                + " first used with. Try using a key other than '"
                + idempotencyKey
                + "' if you meant to execute a different request.");
      }
      log.info("stripe stub: returning the response stored for idempotency key {}", idempotencyKey);
      return withSimulatedFailure(stored.response());
    }

    // 2. Check the parameters that this flow sends.
    StubResponse invalid = validate(params);
    if (invalid != null) {
      return invalid;
    }

    // 3. Create the PaymentIntent. The payment method picks the outcome.
    StubResponse response = create(params);
    if (idempotencyKey != null) {
      responsesByIdempotencyKey.put(idempotencyKey, new StoredResponse(params, response));
    }
    return withSimulatedFailure(response);
  }

  private StubResponse validate(Map<String, String> params) {
    for (String required : List.of("amount", "currency", "payment_method")) {
      if (params.get(required) == null || params.get(required).isBlank()) {
        return error(
            400, "invalid_request_error", required, "Missing required param: " + required + ".");
      }
    }
    long amount;
    try {
      amount = Long.parseLong(params.get("amount"));
    } catch (NumberFormatException e) {
      return error(
          400, "invalid_request_error", "amount", "Invalid integer: " + params.get("amount"));
    }
    if (amount < MIN_AMOUNT) {
      return error(400, "invalid_request_error", "amount", "Amount must be at least $0.50 usd");
    }
    String paymentMethod = params.get("payment_method");
    if (!SUCCEEDING_PAYMENT_METHODS.contains(paymentMethod)
        && !DECLINED_PAYMENT_METHODS.contains(paymentMethod)
        && !PROCESSING_PAYMENT_METHOD.equals(paymentMethod)) {
      return error(
          400,
          "invalid_request_error",
          "payment_method",
          "No such PaymentMethod: '" + paymentMethod + "'");
    }
    return null;
  }

  private StubResponse create(Map<String, String> params) {
    String paymentMethod = params.get("payment_method");
    long amount = Long.parseLong(params.get("amount"));
    ObjectNode intent = JSON.createObjectNode();
    String id = "pi_" + randomToken(24);
    intent.put("id", id);
    intent.put("object", "payment_intent");
    intent.put("amount", amount);
    intent.put("amount_received", 0);
    intent.put("capture_method", "automatic");
    intent.put("confirmation_method", "automatic");
    intent.put("created", Instant.now().getEpochSecond());
    intent.put("currency", params.get("currency").toLowerCase());
    intent.putNull("last_payment_error");
    intent.put("livemode", false);
    ObjectNode metadata = intent.putObject("metadata");
    params.forEach(
        (name, value) -> {
          if (name.startsWith("metadata[") && name.endsWith("]")) {
            metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
          }
        });
    intent.put("payment_method", paymentMethod);

    List<String> events = new ArrayList<>(List.of("payment_intent.created"));
    StubResponse response;
    if (DECLINED_PAYMENT_METHODS.contains(paymentMethod)) {
      intent.put("status", "requires_payment_method");
      ObjectNode lastError = intent.putObject("last_payment_error");
      lastError.put("type", "card_error");
      lastError.put("code", "card_declined");
      lastError.put("decline_code", "generic_decline");
      lastError.put("message", "Your card was declined.");
      events.add("payment_intent.payment_failed");
      ObjectNode error = lastError.deepCopy();
      error.set("payment_intent", intent.deepCopy());
      response = new StubResponse(402, JSON.createObjectNode().set("error", error).toString());
    } else if (PROCESSING_PAYMENT_METHOD.equals(paymentMethod)) {
      intent.put("status", "processing");
      events.add("payment_intent.processing");
      response = new StubResponse(200, intent.toString());
    } else {
      intent.put("status", "succeeded");
      intent.put("amount_received", amount);
      events.add("payment_intent.succeeded");
      response = new StubResponse(200, intent.toString());
    }
    paymentIntents.put(id, intent);
    pendingEventTypes.put(id, events);
    log.info("stripe stub: payment intent {} created, {}", id, intent.path("status").asText());

    if (deliverWebhooks) {
      deliveryScheduler.schedule(
          () -> settleAndDeliver(id), webhookDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
    return response;
  }

  private StubResponse withSimulatedFailure(StubResponse response) {
    if (failuresLeft <= 0) {
      return response;
    }
    failuresLeft--;
    log.warn("stripe stub: [SIMULATED] responding 500 instead of {}", response.status());
    return error(
        500, "api_error", null, "[SIMULATED] An error occurred with our connection to Stripe.");
  }

  private void settleAndDeliver(String paymentIntentId) {
    try {
      settle(paymentIntentId);
      deliverWebhooks(paymentIntentId);
    } catch (RuntimeException e) {
      log.warn("stripe stub: delivering the events of {} failed", paymentIntentId, e);
    }
  }

  private Delivery send(String type, String payload, String paymentIntentId) {
    HttpRequest request =
        HttpRequest.newBuilder(webhookUrl)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", signatureHeader(payload, Instant.now().getEpochSecond()))
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      log.info(
          "stripe stub: sent {} of {} to {}, response {}",
          type,
          paymentIntentId,
          webhookUrl,
          response.statusCode());
      return new Delivery(type, response.statusCode(), response.body());
    } catch (IOException e) {
      // NOTE: Stripe retries a failed delivery for up to three days, but the stub sends each event
      // once.
      log.warn(
          "stripe stub: sending {} of {} to {} failed: {}",
          type,
          paymentIntentId,
          webhookUrl,
          e.toString());
      return new Delivery(type, -1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(type, -1, "interrupted");
    }
  }

  private ObjectNode requireIntent(String paymentIntentId) {
    ObjectNode intent = paymentIntents.get(paymentIntentId);
    if (intent == null) {
      throw new IllegalArgumentException("No such PaymentIntent in the stub: " + paymentIntentId);
    }
    return intent;
  }

  private static StubResponse error(int status, String type, String param, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("type", type);
    if (param != null) {
      error.put("param", param);
    }
    error.put("message", message);
    return new StubResponse(status, JSON.createObjectNode().set("error", error).toString());
  }

  /** Decodes an {@code application/x-www-form-urlencoded} body, as stripe-java sends it. */
  private static Map<String, String> parseForm(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String randomToken(int length) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  /**
   * A request to the PaymentIntents API as the stub received it.
   *
   * @param path the request path
   * @param idempotencyKey the {@code Idempotency-Key} header, or null
   * @param params the decoded form parameters, for example {@code metadata[restate_callback_id]}
   * @param status the HTTP status of the stub's response
   */
  public record RecordedRequest(
      String path, String idempotencyKey, Map<String, String> params, int status) {}

  /**
   * One event sent to the webhook URL.
   *
   * @param eventType the event type, for example {@code payment_intent.succeeded}
   * @param status the HTTP status of the response, or -1 when the URL could not be reached
   * @param body the body of the response
   */
  public record Delivery(String eventType, int status, String body) {}

  private record StubResponse(int status, String body) {}

  private record StoredResponse(Map<String, String> params, StubResponse response) {}
}
