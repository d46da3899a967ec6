package org.wangge.geo.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridCodeTest {

  @Test
  void readsTheFifteenDigitUnitGridCode() {
    GridCode code = GridCode.parse(" 320582110152102 ");
    assertThat(code.digits()).isEqualTo("320582110152102");
    assertThat(code.county()).isEqualTo("320582");
    assertThat(code.isUnitGrid()).isTrue();
    assertThat(code.depth()).isEqualTo(3);
    assertThat(code.parent().digits()).isEqualTo("320582110152");
    assertThat(code.parent().parent().parent().digits()).isEqualTo("320582");
    assertThat(code.parent().parent().parent().parent()).isNull();
    assertThat(code.streetKind()).isEqualTo(GridCode.StreetKind.TOWN);
    assertThat(GridCode.parse("320582").contains(code)).isTrue();
    assertThat(GridCode.parse("320583").contains(code)).isFalse();
  }

  @Test
  void normalisesTheLegacyFourteenDigitForm() {
    assertThat(GridCode.parse("32050900100107").digits()).isEqualTo("320509001001007");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "320509001, SUBDISTRICT",
    "320509104, TOWN",
    "320509201, TOWNSHIP",
    "320509400, ZONE",
  })
  void classifiesStreetParts(String code, GridCode.StreetKind kind) {
    assertThat(GridCode.parse(code).streetKind()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "3205090010010011 | has 16 digits; expected 6, 9, 12 or 15",
        "32050900100100A | non-digit 'A' at position 15",
        "990509001001001 | '99' is not a GB/T 2260 province code",
        "320000001001001 | is a province, not a county-level code",
        "320509000001001 | street/town part (digits 7–9) must not be 000",
        "320509001000001 | community/village part (digits 10–12) must not be 000",
        "320509001001000 | sequence part (digits 13–15) must not be 000",
        "\"\" | has 0 digits",
      })
  void rejectsMalformedCodesNamingValueAndRule(String text, String message) {
    assertThatThrownBy(() -> GridCode.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.strip())
        .hasMessageContaining(message);
  }

  @Test
  void buildsUnitGridCodesFromCommunityAndSequence() {
    assertThat(GridCode.of("320509001001", 7).digits()).isEqualTo("320509001001007");
    assertThatThrownBy(() -> GridCode.of("320509001001", 1000))
        .hasMessageContaining("sequence 1000 is outside 1–999");
  }
}
