package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeTableTest {

  @Test
  void remembersTheFirstRowOfEveryCodeThroughGrowth() {
    CodeTable rows = new CodeTable(4);
    Map<Long, Long> reference = new HashMap<>();
    Random random = new Random(3);
    for (long row = 1; row <= 300_000; row++) {
      // 16- and 17-digit codes of one county, many repeating
      long code =
          random.nextBoolean()
              ? 3205090101000000L + random.nextInt(200_000)
              : 32050901010000000L + random.nextInt(200_000);
      Long first = reference.putIfAbsent(code, row);
      assertThat(rows.putIfAbsent(code, row, -1)).isEqualTo(first == null ? -1 : first);
    }
    assertThat(rows.size()).isEqualTo(reference.size());
  }

  @Test
  void refusesCodesThatAreNotPositive() {
    assertThatThrownBy(() -> new CodeTable(1).putIfAbsent(0, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
