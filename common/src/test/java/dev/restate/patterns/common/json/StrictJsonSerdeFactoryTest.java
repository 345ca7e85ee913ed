package dev.restate.patterns.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.restate.common.Slice;
import dev.restate.serde.Serde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonSerdeFactoryTest {

  record Payment(String accountId, long amount) {}

  record Order(String id, List<Line> lines, BigDecimal total, boolean express) {}

  record Line(String product, int quantity) {}

  private final StrictJsonSerdeFactory factory = new StrictJsonSerdeFactory();

  @Test
  void validInputIsRead() {
    Payment payment = read(Payment.class, "{\"accountId\":\"abc\",\"amount\":1500}");

    assertThat(payment).isEqualTo(new Payment("abc", 1500));
  }

  @Test
  void fractionForIntegerIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":\"abc\",\"amount\":1.5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount must be an integer, got 1.5");
  }

  @Test
  void numberForStringIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":7,\"amount\":5}"))
        .hasMessage("accountId must be a string, got 7");
  }

  @Test
  void stringForNumberIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":\"abc\",\"amount\":\"5\"}"))
        .hasMessage("amount must be an integer, got \"5\"");
  }

  @Test
  void nestedFieldIsNamedWithItsPath() {
    String body = "{\"id\":\"o1\",\"lines\":[{\"product\":\"p\",\"quantity\":\"two\"}]}";

    assertThatThrownBy(() -> read(Order.class, body))
        .hasMessage("lines[0].quantity must be an integer, got \"two\"");
  }

  @Test
  void stringForBooleanIsRejected() {
    assertThatThrownBy(() -> read(Order.class, "{\"id\":\"o1\",\"express\":\"yes\"}"))
        .hasMessage("express must be true or false, got \"yes\"");
  }

  @Test
  void nullForPrimitiveIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":\"abc\",\"amount\":null}"))
        .hasMessage("amount must be an integer, got null");
  }

  @Test
  void arrayForObjectIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "[1,2]"))
        .hasMessage("the request body must be an object, got an array");
  }

  @Test
  void unknownFieldIsNamed() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":\"abc\",\"amount\":1,\"x\":1}"))
        .hasMessageStartingWith("unknown field x; accepted fields: ");
  }

  @Test
  void brokenJsonIsRejected() {
    assertThatThrownBy(() -> read(Payment.class, "{\"accountId\":"))
        .hasMessageStartingWith("the request body is not valid JSON: ");
  }

  @Test
  void outputIsWrittenAsJson() {
    Serde<Payment> serde = factory.create(Payment.class);

    String json =
        new String(serde.serialize(new Payment("abc", 5)).toByteArray(), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"accountId\":\"abc\",\"amount\":5}");
    assertThat(serde.contentType()).isEqualTo("application/json");
  }

  private <T> T read(Class<T> type, String json) {
    return factory.create(type).deserialize(Slice.wrap(json.getBytes(StandardCharsets.UTF_8)));
  }
}
