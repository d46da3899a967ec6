package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldMappingTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "吴江区水务局|吴江区水务局",
        "' 路灯 '|路灯",
        "'\u3000井盖\u3000'|井盖", // ideographic spaces, as Chinese spreadsheets pad
        "'a\tb'|'a\tb'",
        "'\tx'|x",
        "'x\n'|x",
        "'  '|",
        "'\u3000'|",
        "'\u00a0x'|'\u00a0x'" // no-break space is not white space for strip() either
      })
  void strippedIsStripOrNullWhenBlank(String in, String expected) {
    assertThat(FieldMapping.stripped(in)).isEqualTo(expected);
    String strip = in.strip();
    assertThat(FieldMapping.stripped(in)).isEqualTo(strip.isEmpty() ? null : strip);
  }

  @Test
  void whitespaceAgreesWithTheJdkForEveryChar() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      assertThat(FieldMapping.whitespace((char) c))
          .as("U+%04X", c)
          .isEqualTo(Character.isWhitespace((char) c));
    }
  }
}
