package dev.restate.patterns.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.restate.common.Slice;
import dev.restate.serde.Serde;
import dev.restate.serde.SerdeFactory;
import dev.restate.serde.TypeRef;
import dev.restate.serde.jackson.JacksonSerdeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON (de)serialization of handler input and output that rejects values of the wrong type.
 *
 * <p>Jackson's defaults convert between scalar types: {@code 7} becomes the string {@code "7"},
 * {@code "3"} becomes the number 3, and {@code 1.5} becomes the integer 1. For amounts in cents or
 * ids that is silent data corruption, so this factory turns those conversions off. A value of the
 * wrong type fails with a message that names the field and the type it needs, for example {@code
 * amount must be an integer, got 1.5}; Restate returns it to the caller as a 400.
 *
 * <p>Use it on a component with {@code @CustomSerdeFactory(StrictJsonSerdeFactory.class)}.
 */
public final class StrictJsonSerdeFactory implements SerdeFactory {

  /** The mapper that the factory reads and writes with; exposed for tests and clients. */
  public static final ObjectMapper MAPPER = strictMapper();

  private static final int MAX_ECHOED_VALUE_LENGTH = 40;

  private final JacksonSerdeFactory delegate = new JacksonSerdeFactory(MAPPER);

  @Override
  public <T> Serde<T> create(TypeRef<T> typeRef) {
    return new StrictSerde<>(delegate.create(typeRef));
  }

  @Override
  public <T> Serde<T> create(Class<T> clazz) {
    return new StrictSerde<>(delegate.create(clazz));
  }

  static ObjectMapper strictMapper() {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    // Reject numbers and booleans where a string is expected, and strings where they are expected.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(numeric)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Describes why a JSON document could not be read into the expected type, naming the field.
   * Returns the description, never null.
   */
  static String describe(Throwable failure) {
    if (failure instanceof UnrecognizedPropertyException unknown) {
      return "unknown field "
          + path(unknown)
          + "; accepted fields: "
          + unknown.getKnownPropertyIds();
    }
    if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String field = path(mismatch);
      String expected = typeName(mismatch.getTargetType());
      String got = offendingValue(mismatch);
      if (field.isEmpty()) {
        return "the request body must be " + expected + (got == null ? "" : ", got " + got);
      }
      return field + " must be " + expected + (got == null ? "" : ", got " + got);
    }
    if (failure instanceof JsonProcessingException json) {
      return "the request body is not valid JSON: " + json.getOriginalMessage();
    }
    return "the request body could not be read: " + failure.getMessage();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
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

  private static String typeName(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type)
        || type == double.class
        || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  /** Returns the shortened text of the token where reading stopped, or null when there is none. */
  private static String offendingValue(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
      return null;
    }
    try {
      String text =
          switch (parser.currentToken()) {
            case VALUE_STRING -> "\"" + parser.getText() + "\"";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            default -> parser.getText();
          };
      return text.length() <= MAX_ECHOED_VALUE_LENGTH
          ? text
          : text.substring(0, MAX_ECHOED_VALUE_LENGTH) + "...";
    } catch (IOException ignored) {
      return null;
    }
  }

  /** Wraps a Jackson serde so that read failures carry a message naming the field. */
  private record StrictSerde<T>(Serde<T> inner) implements Serde<T> {

    @Override
    public Slice serialize(T value) {
      return inner.serialize(value);
    }

    @Override
    public T deserialize(Slice value) {
      try {
        return inner.deserialize(value);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        // Jackson's IOExceptions arrive here unchecked ("sneaky throw") from the inner serde.
        throw new IllegalArgumentException(describe(e), e);
      }
    }

    @Override
    public String contentType() {
      return inner.contentType();
    }

    @Override
    public Schema jsonSchema() {
      return inner.jsonSchema();
    }
  }
}
