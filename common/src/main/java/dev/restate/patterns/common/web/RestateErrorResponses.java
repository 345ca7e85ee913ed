package dev.restate.patterns.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.restate.client.IngressException;
import dev.restate.sdk.common.TerminalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the failures of a controller that calls Restate into RFC 9457 problem responses.
 *
 * <ul>
 *   <li>A {@link TerminalException} with a 4xx code, thrown by input validation, keeps its code and
 *       message.
 *   <li>An error answer of the Restate ingress keeps a 4xx status and its message (for example a
 *       handler's terminal 400 or 404); any other status becomes 502 Bad Gateway.
 *   <li>A Restate ingress that cannot be reached becomes 503 Service Unavailable.
 * </ul>
 *
 * Add it to an application with {@code @Import(RestateErrorResponses.class)}.
 */
@RestControllerAdvice
public class RestateErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(RestateErrorResponses.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String ingressUrl;

  public RestateErrorResponses(
      @Value("${restate.client.base-uri:http://localhost:8080}") String ingressUrl) {
    this.ingressUrl = ingressUrl;
  }

  @ExceptionHandler(TerminalException.class)
  public ProblemDetail terminal(TerminalException e) {
    HttpStatus status = HttpStatus.resolve(e.getCode());
    if (status == null || !status.is4xxClientError()) {
      log.error("Request failed with terminal error {}: {}", e.getCode(), e.getMessage());
      return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
    return ProblemDetail.forStatusAndDetail(status, e.getMessage());
  }

  @ExceptionHandler(IngressException.class)
  public ProblemDetail ingress(IngressException e) {
    // The client reports a failed connection as status -1, with the I/O error as the cause.
    if (e.getStatusCode() < 100) {
      log.warn("Restate ingress at {} is not reachable: {}", ingressUrl, e.getCause());
      return ProblemDetail.forStatusAndDetail(
          HttpStatus.SERVICE_UNAVAILABLE,
          "The Restate server is not reachable at "
              + ingressUrl
              + ". Start it (restate-server) or set restate.client.base-uri, then try again.");
    }
    String message = restateMessage(e);
    HttpStatus status = HttpStatus.resolve(e.getStatusCode());
    if (status != null && status.is4xxClientError()) {
      return ProblemDetail.forStatusAndDetail(status, message);
    }
    log.warn(
        "Restate ingress answered {} to {}: {}", e.getStatusCode(), e.getRequestURI(), message);
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_GATEWAY, "Restate answered " + e.getStatusCode() + ": " + message);
  }

  /** Restate's error bodies are JSON objects with a message field. */
  private static String restateMessage(IngressException e) {
    byte[] body = e.getResponseBody();
    if (body == null || body.length == 0) {
      return "no message";
    }
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode node = JSON.readTree(text);
      if (node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (IOException ignored) {
      // Not JSON: return the text as it is.
    }
    return text;
  }
}
