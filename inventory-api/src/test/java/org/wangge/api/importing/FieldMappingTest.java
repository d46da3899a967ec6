package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  @Test
  void textsAreEveryFieldsTextByOrdinal() {
    // columns out of order, one field mapped explicitly, several missing, one past the row's end
    List<String> headers =
        List.of("备注", "ObjID", "x", "主管部门", "ObjName", "Grid", "DataSource", "ObjState");
    FieldMapping mapping = FieldMapping.resolve(headers, Map.of("BGID", "Grid"));
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList(" 备注 ", "3205090118000001", "?", "水务局", null, "1.0", "普查", "完好"));
    rows.add(Arrays.asList("", 3.205090118000001E15, 1, "\u3000", "井盖", 12.5, " ", "x"));
    rows.add(Arrays.asList("n", "c", "x", "d")); // shorter than the header
    String[] out = new String[SurveyField.values().length];
    Arrays.fill(out, "stale");
    for (List<Object> row : rows) {
      mapping.texts(row, out);
      for (SurveyField field : SurveyField.values()) {
        assertThat(out[field.ordinal()])
            .as(field + " of " + row)
            .isEqualTo(mapping.text(row, field));
      }
    }
    mapping.texts(rows.get(0), out);
    assertThat(out[SurveyField.NOTE.ordinal()]).isEqualTo("备注");
    assertThat(out[SurveyField.BGID.ordinal()]).isEqualTo("1.0");
    assertThat(out[SurveyField.CLASS_CODE.ordinal()]).isNull();
    mapping.texts(rows.get(1), out);
    assertThat(out[SurveyField.OBJ_ID.ordinal()]).isEqualTo("3205090118000001");
    assertThat(out[SurveyField.DEPT_NAME1.ordinal()]).isNull();
    assertThat(out[SurveyField.DATA_SOURCE.ordinal()]).isNull();
    mapping.texts(rows.get(2), out);
    assertThat(out[SurveyField.OBJ_NAME.ordinal()]).isNull();
    assertThat(out[SurveyField.DEPT_NAME1.ordinal()]).isEqualTo("d");
  }
}
