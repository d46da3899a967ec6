package org.wangge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyBytesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "吴江区供电公司",
        "tab\there, line\nbreak\r and back\\slash",
        "é ß ø",
        "emoji 😀 pair",
        "lone \uD800 surrogate",
        "mixed 完好 \t 实测"
      })
  void writesTheSameBytesAsTheTextRowEncoded(String value) {
    byte[] bytes =
        new CopyBytes(8)
            .text(value)
            .text(null)
            .number(120.35748552)
            .date(LocalDate.of(2020, 8, 7))
            .date(null)
            .ascii("6a08076c-366b-4fd9-8313-0a65c05f4dac")
            .endRow()
            .take();

    String expected =
        CopyText.row(
                new StringBuilder(),
                value,
                null,
                Double.toString(120.35748552),
                "2020-08-07",
                null,
                "6a08076c-366b-4fd9-8313-0a65c05f4dac")
            .toString();
    assertThat(bytes).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 999, 1900, 2024, 9999, 10000})
  void writesDatesAsLocalDateDoes(int year) {
    LocalDate d = LocalDate.of(year, 12, 31);
    byte[] bytes = new CopyBytes(1).date(d).endRow().take();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(d + "\n");
  }
}
