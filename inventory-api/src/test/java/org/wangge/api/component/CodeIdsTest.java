package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeIdsTest {

  private static ComponentRow row(String code) {
    return new ComponentRow(
        code, "0101", null, 120.6, 31.1, "INTACT", null, null, null, null, null, null);
  }

  @Test
  void everyCodeFindsItsPositionAndNoOtherCodeFindsOne() {
    Random random = new Random(11);
    List<ComponentRow> rows = new ArrayList<>();
    Map<String, Integer> reference = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      String code =
          random.nextBoolean()
              ? Long.toString(3205090101000000L + i)
              : Long.toString(32050901010000000L + random.nextInt(1_000_000_000));
      if (reference.putIfAbsent(code, rows.size()) == null) {
        rows.add(row(code));
      }
    }
    CodeIds ids = CodeIds.of(rows);
    assertThat(ids.size()).isEqualTo(rows.size());
    reference.forEach((code, id) -> assertThat(ids.get(code)).isEqualTo(id));
    for (int i = 0; i < 10_000; i++) {
      String other = Long.toString(32050999990000000L + random.nextInt(1_000_000));
      assertThat(ids.get(other)).isEqualTo(reference.getOrDefault(other, -1));
    }
  }

  @Test
  void codesOfAnyOtherShapeAreKeptApartFromTheStandardOnes() {
    // a leading zero gives the same numeric value as the code without it
    List<ComponentRow> rows =
        List.of(
            row("3205090101000001"),
            row("03205090101000001"),
            row("32050901O1000001"),
            row("lamp-7"),
            row("1234567890123456789"),
            row("0"));
    CodeIds ids = CodeIds.of(rows);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(ids.get(rows.get(i).code())).as(rows.get(i).code()).isEqualTo(i);
    }
    assertThat(ids.get("3205090101000002")).isEqualTo(-1);
    assertThat(ids.get("003205090101000001")).isEqualTo(-1);
    assertThat(ids.get("")).isEqualTo(-1);
    assertThat(ids.get(null)).isEqualTo(-1);
    assertThat(CodeIds.EMPTY.get("3205090101000001")).isEqualTo(-1);
  }
}
