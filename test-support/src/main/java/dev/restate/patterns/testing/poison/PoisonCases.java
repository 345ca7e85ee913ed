package dev.restate.patterns.testing.poison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.restate.patterns.testing.poison.PoisonCase.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the poison cases of a {@link PoisonTarget} from its valid request.
 *
 * <p>Body cases: an empty body, a body that is not JSON, a whole body of the wrong JSON type, and
 * for every field of a JSON body (nested objects and the first element of arrays included) the
 * field with a value of the wrong type, the field missing, and every string field as a 1 MiB
 * string. A handler without input gets a body it does not expect instead. Key cases: a
 * 300-character key and keys with spaces, slashes and non-ASCII letters, in place of the object key
 * or of each path variable in turn. A numeric query parameter also gets a value that is not a
 * number.
 */
public final class PoisonCases {

  /** 1 MiB, the size of the huge string fields. */
  public static final int HUGE_LENGTH = 1024 * 1024;

  static final String LONG_KEY = "long-key-" + "k".repeat(300 - "long-key-".length());
  static final String KEY_WITH_SPACES = "key with spaces";
  static final String KEY_WITH_SLASHES = "key/with/slashes";
  static final String NON_ASCII_KEY = "schlüssel-ключ-鍵";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static final List<String> EMPTY_BODY_WORDS = List.of("empty", "body", "missing", "input");
  private static final List<String> NOT_JSON_WORDS =
      List.of("json", "deserialize", "token", "parse", "unrecognized");
  private static final List<String> BODY_TYPE_WORDS =
      List.of("deserialize", "json", "type", "construct", "expected", "body");

  private final PoisonTarget target;
  private final String ingressUrl;
  private final List<PoisonCase> cases = new ArrayList<>();

  private PoisonCases(PoisonTarget target, String ingressUrl) {
    this.target = target;
    this.ingressUrl = ingressUrl;
  }

  /** Returns the cases of {@code target}; ingress targets go to {@code ingressUrl}. */
  public static List<PoisonCase> of(PoisonTarget target, String ingressUrl) {
    PoisonCases generator = new PoisonCases(target, ingressUrl);
    generator.checkPathVariables();
    generator.addBodyCases();
    generator.addKeyCases();
    generator.addQueryCases();
    return List.copyOf(generator.cases);
  }

  private void addBodyCases() {
    switch (target.bodyKind) {
      case NONE -> {
        // HTTP ignores the body of a GET, so only a POST or PUT without input gets one.
        if (target.kind == PoisonTarget.Kind.HTTP && target.method.equals("GET")) {
          return;
        }
        add(
            Kind.UNEXPECTED_BODY,
            "not JSON",
            text("this is not JSON"),
            "text/plain",
            List.of("body"));
        add(
            Kind.UNEXPECTED_BODY,
            "a JSON object",
            text("{\"unexpected\":true}"),
            "application/json",
            List.of("body"));
      }
      case TEXT -> {
        add(Kind.EMPTY_BODY, "", new byte[0], target.contentType, EMPTY_BODY_WORDS);
        add(
            Kind.NOT_IN_FORMAT,
            "control bytes",
            new byte[] {0, 1, 2, 3, (byte) 0xff},
            target.contentType,
            List.of(target.bodyName, "body", "line", "key", "format", "missing", "invalid"));
        add(
            Kind.HUGE_STRING,
            "appended to the body",
            text(target.validBody + huge()),
            target.contentType,
            List.of(target.bodyName, "large", "size", "long", "characters", "invalid"));
      }
      case JSON -> addJsonCases();
    }
  }

  private void addJsonCases() {
    JsonNode valid = parse(target.validBody);
    add(Kind.EMPTY_BODY, "", new byte[0], target.contentType, EMPTY_BODY_WORDS);
    add(Kind.NOT_JSON, "", text("this is not JSON"), target.contentType, NOT_JSON_WORDS);

    // The whole body as another JSON type than the valid one.
    List<String> typeWords = with(BODY_TYPE_WORDS, target.bodyName);
    if (valid.isObject()) {
      add(Kind.WRONG_TYPE, "body is an array", text("[\"not\",\"an\",\"object\"]"), typeWords);
      add(Kind.WRONG_TYPE, "body is a string", text("\"not an object\""), typeWords);
    } else if (valid.isTextual()) {
      add(Kind.WRONG_TYPE, "body is an object", text("{\"not\":\"a string\"}"), typeWords);
      add(Kind.MISSING_FIELD, "body is null", text("null"), List.of(target.bodyName, "missing"));
      add(
          Kind.HUGE_STRING,
          target.bodyName,
          json(TextNode.valueOf(huge())),
          List.of(target.bodyName));
    } else {
      add(Kind.WRONG_TYPE, "body is a string", text("\"not a number\""), typeWords);
      add(Kind.MISSING_FIELD, "body is null", text("null"), List.of(target.bodyName, "missing"));
    }

    // Every field: the wrong type, missing, and as a 1 MiB string.
    for (FieldPath field : fields(valid, "", List.of())) {
      JsonNode value = field.get(valid);
      JsonNode wrong = wrongTypeOf(value);
      if (wrong != null) {
        add(
            Kind.WRONG_TYPE,
            field.name(),
            json(field.replaced(valid, wrong)),
            List.of(field.leaf()));
      }
      add(Kind.MISSING_FIELD, field.name(), json(field.removed(valid)), List.of(field.leaf()));
      if (value.isTextual()) {
        add(
            Kind.HUGE_STRING,
            field.name(),
            json(field.replaced(valid, TextNode.valueOf(huge()))),
            List.of(field.leaf()));
      }
    }
  }

  private void addKeyCases() {
    Map<Kind, String> keys = new LinkedHashMap<>();
    keys.put(Kind.LONG_KEY, LONG_KEY);
    keys.put(Kind.KEY_WITH_SPACES, KEY_WITH_SPACES);
    keys.put(Kind.KEY_WITH_SLASHES, KEY_WITH_SLASHES);
    keys.put(Kind.NON_ASCII_KEY, NON_ASCII_KEY);
    if (target.kind == PoisonTarget.Kind.INGRESS) {
      if (target.key == null) {
        return;
      }
      for (Map.Entry<Kind, String> key : keys.entrySet()) {
        cases.add(
            build(
                key.getKey(),
                shown(key.getValue()),
                key.getValue(),
                Map.of(),
                Map.of(),
                validBodyBytes(),
                target.contentType,
                List.of(target.keyName, "key")));
      }
      return;
    }
    for (String variable : target.pathVariables.keySet()) {
      for (Map.Entry<Kind, String> key : keys.entrySet()) {
        cases.add(
            build(
                key.getKey(),
                variable + " = " + shown(key.getValue()),
                null,
                Map.of(variable, key.getValue()),
                Map.of(),
                validBodyBytes(),
                target.contentType,
                List.of(variable, target.keyName, "key")));
      }
    }
  }

  private void addQueryCases() {
    for (Map.Entry<String, String> parameter : target.queryParameters.entrySet()) {
      if (parameter.getValue().matches("-?\\d+(\\.\\d+)?")) {
        cases.add(
            build(
                Kind.WRONG_TYPE,
                "query parameter " + parameter.getKey(),
                null,
                Map.of(),
                Map.of(parameter.getKey(), "not-a-number"),
                validBodyBytes(),
                target.contentType,
                List.of(parameter.getKey())));
      }
    }
  }

  private void add(Kind kind, String detail, byte[] body, List<String> words) {
    add(kind, detail, body, target.contentType, words);
  }

  private void add(
      Kind kind, String detail, byte[] body, String contentType, List<String> mentions) {
    String key = target.freshKeyPerCase ? target.key + "-" + (cases.size() + 1) : null;
    cases.add(build(kind, detail, key, Map.of(), Map.of(), body, contentType, mentions));
  }

  /**
   * Builds the request of a case. {@code key} replaces the target's key when not null; {@code
   * pathVariables} and {@code query} replace the target's values of the same name.
   */
  private PoisonCase build(
      Kind kind,
      String detail,
      String key,
      Map<String, String> pathVariables,
      Map<String, String> query,
      byte[] body,
      String contentType,
      List<String> mentions) {
    Map<String, String> headers = new LinkedHashMap<>(target.headers);
    if (body.length > 0 && contentType != null) {
      headers.put("content-type", contentType);
    }
    List<String> allMentions = new ArrayList<>(mentions);
    allMentions.addAll(target.mentions);
    return new PoisonCase(
        target,
        kind,
        detail,
        uri(key, pathVariables, query),
        headers,
        body,
        List.copyOf(allMentions));
  }

  private URI uri(String key, Map<String, String> pathVariables, Map<String, String> query) {
    StringBuilder uri = new StringBuilder();
    if (target.kind == PoisonTarget.Kind.INGRESS) {
      uri.append(ingressUrl).append('/').append(encode(target.service));
      String effectiveKey = key != null ? key : target.key;
      if (effectiveKey != null) {
        uri.append('/').append(encode(effectiveKey));
      }
      uri.append('/').append(encode(target.handler));
      if (target.viaSend) {
        uri.append("/send");
      }
    } else {
      uri.append(target.baseUrl);
      Matcher matcher = PATH_VARIABLE.matcher(target.pathTemplate);
      StringBuilder path = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        String value = pathVariables.getOrDefault(name, target.pathVariables.get(name));
        matcher.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
      }
      matcher.appendTail(path);
      uri.append(path);
    }
    Map<String, String> parameters = new LinkedHashMap<>(target.queryParameters);
    parameters.putAll(query);
    String separator = "?";
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      uri.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = "&";
    }
    return URI.create(uri.toString());
  }

  private void checkPathVariables() {
    if (target.kind != PoisonTarget.Kind.HTTP) {
      return;
    }
    Matcher matcher = PATH_VARIABLE.matcher(target.pathTemplate);
    while (matcher.find()) {
      if (!target.pathVariables.containsKey(matcher.group(1))) {
        throw new IllegalStateException(
            target.name() + " needs a valid value for path variable " + matcher.group(1));
      }
    }
  }

  private byte[] validBodyBytes() {
    return target.validBody == null ? new byte[0] : text(target.validBody);
  }

  /** Percent-encodes a path segment or query value: everything but RFC 3986 unreserved bytes. */
  static String encode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }

  /** Returns a value of another JSON type than {@code value}, or null for a null value. */
  private static JsonNode wrongTypeOf(JsonNode value) {
    if (value.isTextual()) {
      return JSON.createObjectNode().put("not", "a string");
    }
    if (value.isNumber()) {
      return TextNode.valueOf("not a number");
    }
    if (value.isBoolean()) {
      return TextNode.valueOf("not a boolean");
    }
    if (value.isObject()) {
      return JSON.getNodeFactory().numberNode(42);
    }
    if (value.isArray()) {
      return TextNode.valueOf("not an array");
    }
    return null;
  }

  /** Lists the fields of an object, depth first, and of the first element of each array. */
  private static List<FieldPath> fields(JsonNode node, String prefix, List<Object> steps) {
    List<FieldPath> fields = new ArrayList<>();
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        List<Object> fieldSteps = new ArrayList<>(steps);
        fieldSteps.add(entry.getKey());
        String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
        fields.add(new FieldPath(name, entry.getKey(), fieldSteps));
        fields.addAll(fields(entry.getValue(), name, fieldSteps));
      }
    } else if (node.isArray() && !node.isEmpty()) {
      List<Object> elementSteps = new ArrayList<>(steps);
      elementSteps.add(0);
      fields.addAll(fields(node.get(0), prefix + "[0]", elementSteps));
    }
    return fields;
  }

  /**
   * A field inside a JSON body, reached by object field names and array indexes.
   *
   * @param name the path for reports, such as {@code flights.flightId}
   * @param leaf the field's own name, which a rejection message should contain
   */
  private record FieldPath(String name, String leaf, List<Object> steps) {

    JsonNode get(JsonNode root) {
      JsonNode node = root;
      for (Object step : steps) {
        node = step instanceof Integer index ? node.get(index) : node.get((String) step);
      }
      return node;
    }

    JsonNode replaced(JsonNode root, JsonNode value) {
      JsonNode copy = root.deepCopy();
      ((ObjectNode) parent(copy)).set((String) steps.get(steps.size() - 1), value);
      return copy;
    }

    JsonNode removed(JsonNode root) {
      JsonNode copy = root.deepCopy();
      ((ObjectNode) parent(copy)).remove((String) steps.get(steps.size() - 1));
      return copy;
    }

    private JsonNode parent(JsonNode root) {
      JsonNode node = root;
      for (Object step : steps.subList(0, steps.size() - 1)) {
        node =
            step instanceof Integer index
                ? ((ArrayNode) node).get(index)
                : ((ObjectNode) node).get((String) step);
      }
      return node;
    }
  }

  /** Shortens a long key for the case name, keeping its length. */
  private static String shown(String key) {
    return key.length() <= 40 ? key : key.substring(0, 16) + "... (" + key.length() + " chars)";
  }

  private static List<String> with(List<String> words, String word) {
    List<String> all = new ArrayList<>(words);
    all.add(word);
    return all;
  }

  private static String huge() {
    return "x".repeat(HUGE_LENGTH);
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(JsonNode value) {
    return text(value.toString());
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the valid body is not JSON: " + json, e);
    }
  }
}
