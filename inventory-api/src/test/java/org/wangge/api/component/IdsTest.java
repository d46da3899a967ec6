package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsTest {

  @ParameterizedTest(name = "{0} ids below {1}")
  @CsvSource({
    "0, 10",
    "1, 10",
    "63, 1000",
    "64, 1000",
    "731, 649000",
    "2000, 649000",
    "5000, 2048",
    "5000, 2049",
    "3000, 4194304",
    "3000, 2147483647"
  })
  void sortsLikeArraysSort(int count, int bound) {
    SplittableRandom random = new SplittableRandom(count * 31L + bound);
    int[] ids = random.ints(count + 5, 0, bound).toArray();
    int[] expected = Arrays.copyOf(ids, count);
    Arrays.sort(expected);
    Ids.sort(ids, count);
    assertThat(Arrays.copyOf(ids, count)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void refusesNegativeIds() {
    int[] ids = new int[100];
    ids[50] = -1;
    assertThatThrownBy(() -> Ids.sort(ids, 100)).isInstanceOf(IllegalArgumentException.class);
  }
}
