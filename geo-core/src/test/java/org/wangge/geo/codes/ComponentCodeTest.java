package org.wangge.geo.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentCodeTest {

  @Test
  void readsSixteenDigitCode() {
    ComponentCode code = ComponentCode.parse("3205080101000001");
    assertThat(code.county()).isEqualTo("320508");
    assertThat(code.classCode().code()).isEqualTo("0101");
    assertThat(code.classCode().major()).isEqualTo("01");
    assertThat(code.sequence()).isEqualTo(1);
  }

  @Test
  void readsSeventeenDigitCodeWithThreeDigitMinorClass() {
    ComponentCode code = ComponentCode.parse("32050801001000042");
    assertThat(code.classCode().code()).isEqualTo("01001");
    assertThat(code.sequence()).isEqualTo(42);
  }

  @Test
  void buildsCodesFromCountyClassAndSequence() {
    assertThat(ComponentCode.of("320509", ClassCode.parse("0118"), 12).digits())
        .isEqualTo("3205090118000012");
    assertThatThrownBy(() -> ComponentCode.of("320509", ClassCode.parse("0118"), 0))
        .hasMessageContaining("sequence 0");
  }

  @ParameterizedTest(name = "''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "320508010100001 | has 15 digits; expected 16",
        "320508010100000X | non-digit 'X' at position 16",
        "3205080001000001 | major class (digits 7–8) must not be 00",
        "3205080100000001 | minor class must not be 0",
        "3205080101000000 | sequence (last 6 digits) must not be 000000",
        "0005080101000001 | '00' is not a GB/T 2260 province code",
      })
  void rejectsMalformedCodesNamingValueAndRule(String text, String message) {
    assertThatThrownBy(() -> ComponentCode.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text)
        .hasMessageContaining(message);
  }
}
