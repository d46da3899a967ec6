package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeOrderTest {

  private static ComponentRow row(String code) {
    return new ComponentRow(
        code, "0101", null, 120.5, 31.0, "INTACT", null, null, null, null, null, null);
  }

  private static List<String> codes(List<ComponentRow> rows) {
    return rows.stream().map(ComponentRow::code).toList();
  }

  private static void assertSortsLikeStrings(List<ComponentRow> rows) {
    List<ComponentRow> expected = new ArrayList<>(rows);
    expected.sort(Comparator.comparing(ComponentRow::code));
    List<ComponentRow> before = List.copyOf(rows);
    assertThat(codes(CodeOrder.sorted(rows))).isEqualTo(codes(expected));
    assertThat(rows).isEqualTo(before); // the input is left alone
  }

  @Test
  void sixteenAndSeventeenDigitCodesUnderOneCountySortAsStrings() {
    Random random = new Random(1);
    List<ComponentRow> rows = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String cls = String.format("%02d%02d", 1 + random.nextInt(9), 1 + random.nextInt(30));
      String seq = String.format("%06d", 1 + random.nextInt(999_999));
      // a 17-digit code is a 16-digit one with a 3-digit minor class: it can share any prefix
      rows.add(
          row(
              "320509"
                  + cls
                  + (random.nextInt(5) == 0 ? String.valueOf(random.nextInt(10)) : "")
                  + seq));
    }
    // a code that is a prefix of another, and neighbours that differ in the last digit
    rows.add(row("3205090101000001"));
    rows.add(row("32050901010000010"));
    rows.add(row("3205090101000002"));
    assertSortsLikeStrings(rows);
  }

  @Test
  void mixedCountiesNonDigitsAndTinyListsFallBackOrStillSort() {
    assertSortsLikeStrings(List.of());
    assertSortsLikeStrings(List.of(row("3205090101000001")));
    assertSortsLikeStrings(
        List.of(row("3205090101000002"), row("1101010101000001"), row("3205090101000001")));
    assertSortsLikeStrings(
        List.of(row("32050901010000A2"), row("3205090101000001"), row("320509010100000")));
    // the same code twice keeps its input order (a stable sort)
    ComponentRow a = row("3205090101000007");
    ComponentRow b =
        new ComponentRow(
            "3205090101000007", "0101", "b", 1, 2, "INTACT", null, null, null, null, null, null);
    assertThat(CodeOrder.sorted(List.of(b, row("3205090101000001"), a)))
        .containsExactly(row("3205090101000001"), b, a);
  }

  /** Every code's id is its position in code order; anything else is no id. */
  private static void assertIdsArePositions(CodeOrder.Sorted sorted) {
    for (int i = 0; i < sorted.rows().size(); i++) {
      assertThat(sorted.ids().id(sorted.rows().get(i).code())).isEqualTo(i);
    }
    assertThat(sorted.ids().size()).isEqualTo(sorted.rows().size());
  }

  @Test
  void idsByCodeAreThePositionsInCodeOrderAndNothingElseHasOne() {
    Random random = new Random(2);
    List<ComponentRow> rows = new ArrayList<>();
    java.util.Set<String> codes = new java.util.HashSet<>();
    while (rows.size() < 20_000) {
      String code =
          "320509"
              + String.format("%04d", 101 + random.nextInt(800))
              + (random.nextInt(4) == 0 ? String.valueOf(random.nextInt(10)) : "")
              + String.format("%06d", 1 + random.nextInt(999_999));
      if (codes.add(code)) {
        rows.add(row(code));
      }
    }
    for (String code : List.of("3205090101000001", "32050901010000010", "3205090101000002")) {
      if (codes.add(code)) {
        rows.add(row(code));
      }
    }
    CodeOrder.Sorted sorted = CodeOrder.sort(rows);
    assertIdsArePositions(sorted);
    // the same rows with keys made one by one under the county prefix, as an import makes them
    CodeOrder.Keys keys = new CodeOrder.Keys("320509", 11, 16);
    rows.forEach(r -> keys.add(r.code()));
    CodeOrder.Sorted fromKeys = CodeOrder.sort(rows, keys);
    assertThat(codes(fromKeys.rows())).isEqualTo(codes(sorted.rows()));
    assertIdsArePositions(fromKeys);
    // the keys went to those ids: sorting with them again compares strings, to the same order
    assertThat(codes(CodeOrder.sort(rows, keys).rows())).isEqualTo(codes(sorted.rows()));
    for (CodeIds ids : List.of(sorted.ids(), fromKeys.ids())) {
      assertThat(ids.id("3205090101000002"))
          .isEqualTo(codes(sorted.rows()).indexOf("3205090101000002"));
      assertThat(ids.id("320509010100000")).isEqualTo(-1); // a prefix of a code
      assertThat(ids.id("320509010100000100")).isEqualTo(-1); // longer than any code
      assertThat(ids.id("1101010101000001")).isEqualTo(-1); // another county
      assertThat(ids.id("32050901010000A1")).isEqualTo(-1);
      assertThat(ids.id(null)).isEqualTo(-1);
    }
  }

  @Test
  void keysOfAnotherShapeFallBackToAMapThatStillFindsEveryCode() {
    List<ComponentRow> rows =
        List.of(
            row("3205090101000002"),
            row("1101010101000001"),
            row("32050901010000A2"),
            row("3205090101000001"));
    CodeOrder.Keys keys = new CodeOrder.Keys("320509", 11, 2);
    rows.forEach(r -> keys.add(r.code()));
    CodeOrder.Sorted sorted = CodeOrder.sort(rows, keys);
    assertThat(codes(sorted.rows()))
        .containsExactly(
            "1101010101000001", "3205090101000001", "3205090101000002", "32050901010000A2");
    assertIdsArePositions(sorted);
    assertThat(sorted.ids().id("3205090101000003")).isEqualTo(-1);
  }
}
