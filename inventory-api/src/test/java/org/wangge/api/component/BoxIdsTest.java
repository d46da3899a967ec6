package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BoxIdsTest {

  /**
   * One thread's queries of changing sizes: each sees its own ids, sorted, nothing of earlier ones.
   */
  @Test
  void eachQueryOnAThreadGetsItsOwnIdsSorted() {
    SplittableRandom random = new SplittableRandom(20261124);
    int[] sizes = {2000, 3, 0, 731, 70_000, 64, 63, 150_000, 5, 1025, 1024, 40_000};
    for (int size : sizes) {
      int[] found = random.ints(size, 0, 649_000).toArray();
      BoxIds ids = BoxIds.collect();
      for (int id : found) {
        ids.accept(id);
      }
      ids.sort();
      Arrays.sort(found);
      assertThat(ids.count()).isEqualTo(size);
      assertThat(Arrays.copyOf(ids.ids(), ids.count())).isEqualTo(found);
    }
  }

  @Test
  void arraysStayWithTheThreadUpToTheLimitOnly() {
    BoxIds ids = BoxIds.collect();
    for (int i = 5000; i > 0; i--) {
      ids.accept(i);
    }
    ids.sort();
    int[] kept = ids.ids();
    assertThat(BoxIds.collect()).isSameAs(ids);
    assertThat(ids.ids()).isSameAs(kept).hasSizeGreaterThanOrEqualTo(5000);
    assertThat(ids.count()).isZero();

    for (int i = BoxIds.KEEP + 1; i > 0; i--) {
      ids.accept(i);
    }
    ids.sort();
    assertThat(ids.ids().length).isGreaterThan(BoxIds.KEEP);
    BoxIds.collect();
    assertThat(ids.ids().length).isLessThanOrEqualTo(BoxIds.KEEP);
  }

  @Test
  void threadsDoNotShare() throws Exception {
    BoxIds mine = BoxIds.collect();
    BoxIds theirs = CompletableFuture.supplyAsync(BoxIds::collect, Runnable::run).get();
    assertThat(theirs).isSameAs(mine); // same thread (run inline)
    BoxIds other = CompletableFuture.supplyAsync(BoxIds::collect).get();
    assertThat(other).isNotSameAs(mine);
  }
}
