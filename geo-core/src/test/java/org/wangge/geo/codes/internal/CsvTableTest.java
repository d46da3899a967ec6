package org.wangge.geo.codes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  @Test
  void skipsBomAndCommentsAndKeepsPhysicalLineNumbers() {
    String csv = "\uFEFFA,B\n# comment\n\n 1 , \"x, \"\"y\"\"\" \nz,\n";

    List<CsvTable.Row> rows = CsvTable.read(new StringReader(csv), "t.csv", List.of("a", "b"));

    assertThat(rows).extracting(CsvTable.Row::line).containsExactly(4, 5);
    assertThat(rows.get(0).get("a")).isEqualTo("1");
    assertThat(rows.get(0).get("b")).isEqualTo("x, \"y\"");
    assertThat(rows.get(1).get("b")).isEmpty();
    assertThatThrownBy(() -> rows.get(1).required("b"))
        .hasMessage("t.csv line 5: column 'b' is empty");
  }

  @Test
  void rejectsTextAfterAClosingQuote() {
    assertThatThrownBy(() -> CsvTable.read(new StringReader("a\n\"x\"y\n"), "t.csv", List.of("a")))
        .hasMessageContaining("t.csv line 2");
  }

  @Test
  void rejectsAnEmptyTable() {
    assertThatThrownBy(() -> CsvTable.read(new StringReader("# only\n"), "t.csv", List.of("a")))
        .hasMessageContaining("no header");
  }
}
