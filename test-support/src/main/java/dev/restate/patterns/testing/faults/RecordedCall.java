package dev.restate.patterns.testing.faults;

import java.util.List;

/**
 * A method whose successful calls count as side effects, named as {@code
 * fully.qualified.ClassName#methodName}. The calls of every overload of the method count.
 *
 * @param className the fully qualified name of the class that declares or inherits the method
 * @param methodName the method's name
 */
public record RecordedCall(String className, String methodName) {

  /** Parses {@code fully.qualified.ClassName#methodName}. */
  public static RecordedCall parse(String value) {
    String trimmed = value.strip();
    int hash = trimmed.indexOf('#');
    if (hash <= 0 || hash == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid recorded call '"
              + value
              + "': expected fully.qualified.ClassName#methodName, for example"
              + " dev.restate.patterns.common.clients.EmailClient#send");
    }
    return new RecordedCall(trimmed.substring(0, hash), trimmed.substring(hash + 1));
  }

  /** Parses each non-blank value. */
  public static List<RecordedCall> parseAll(List<String> values) {
    return values.stream().filter(value -> !value.isBlank()).map(RecordedCall::parse).toList();
  }

  /** Returns the form that {@link #parse} reads. */
  @Override
  public String toString() {
    return className + "#" + methodName;
  }
}
