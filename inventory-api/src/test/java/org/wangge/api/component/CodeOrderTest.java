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
}
