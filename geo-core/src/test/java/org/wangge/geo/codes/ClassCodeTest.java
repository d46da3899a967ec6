package org.wangge.geo.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassCodeTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"01001, 0101", "02014, 0214", "01136, 01136", "0101, 0101", "01, 01", "21099, 2199"})
  void shortFormDropsTheLeadingZeroOfA3DigitMinor(String code, String expected) {
    assertThat(ClassCode.parse(code).shortForm()).isEqualTo(ClassCode.parse(expected));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"0101, 01", "01001, 01", "21, 21"})
  void majorClassIsTheFirstTwoDigits(String code, String major) {
    assertThat(ClassCode.parse(code).majorClass()).isEqualTo(new ClassCode(major));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"01a1", "010", "010101", "0001", "00"})
  void malformedCodesAreRejectedNamingTheValue(String code) {
    assertThatThrownBy(() -> ClassCode.parse(code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + code + "'");
  }
}
