package org.wangge.geo.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "120.35748552",
        "30.91256097",
        "0",
        "-0",
        "-0.0",
        "+1",
        "1.",
        ".5",
        "-.5",
        "00012.5000",
        "0.0000001234",
        "999999999999999",
        "9999999999999999",
        "123456789012345678",
        "0.1",
        "0.2",
        "0.3",
        "1.7976931348623157",
        "4.9e-324",
        "1e5",
        "1E-3",
        " 1.5",
        "1.5 ",
        "1d",
        "2f",
        "Infinity",
        "-Infinity",
        "NaN",
        "0x1p3",
        "3.141592653589793238462643",
        "1.0000000000000000000001",
        "0.0000000000000000000001",
        "0.00000000000000000000001",
        "500000.123456789",
        "3456789.1234567",
        "-119.9999999999999"
      })
  void agreesWithParseDouble(String text) {
    // bit for bit: the sign of zero and NaN too
    assertThat(Double.doubleToRawLongBits(DecimalText.parse(text)))
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+", ".", "-.", "1.2.3", "1-2", "abc", "1,5", "１２"})
  void refusesWhatParseDoubleRefuses(String text) {
    assertThatThrownBy(() -> Double.parseDouble(text)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> DecimalText.parse(text)).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void randomDecimalsOfEveryLengthAgree() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      if (random.nextInt(4) == 0) {
        s.append('-');
      }
      int intDigits = random.nextInt(10);
      for (int d = 0; d < intDigits; d++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
      if (intDigits == 0 || random.nextBoolean()) {
        s.append('.');
        int fracDigits = 1 + random.nextInt(24);
        for (int d = 0; d < fracDigits; d++) {
          s.append((char) ('0' + random.nextInt(10)));
        }
      }
      String text = s.toString();
      assertThat(DecimalText.parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }
  }
}
