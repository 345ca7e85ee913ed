package dev.restate.patterns.common.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers Spring MVC's own request errors with RFC 9457 problem responses, as Spring Boot does with
 * {@code spring.mvc.problemdetails.enabled}, but says what is wrong with an unreadable request body
 * instead of Spring's bare "Failed to read request": the body is missing, is not valid JSON, or has
 * a field of the wrong type, named by its path.
 *
 * <p>Add it to an application with {@code @Import(RequestBodyProblems.class)}. Spring Boot then
 * leaves out its own handler, which it registers only when no {@link
 * ResponseEntityExceptionHandler} bean exists.
 */
@RestControllerAdvice
public class RequestBodyProblems extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail(e));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Describes what is wrong with the body, from the JSON parser's or mapper's error. */
  static String detail(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonParseException parse) {
      return "request body is not valid JSON: " + parse.getOriginalMessage();
    }
    if (cause instanceof JsonMappingException mapping) {
      String field = fieldPath(mapping);
      String problem = mapping.getOriginalMessage();
      return field.isEmpty()
          ? "request body does not fit the expected JSON: " + problem
          : "request body field " + field + " has the wrong type: " + problem;
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Required request body is missing")) {
      return "request body is missing";
    }
    return "request body could not be read: " + message;
  }

  /** Builds a path such as {@code flights.flightId} or {@code locations[0].location}. */
  private static String fieldPath(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
