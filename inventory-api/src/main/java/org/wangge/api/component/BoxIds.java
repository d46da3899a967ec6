package org.wangge.api.component;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The ids a box query finds, collected and sorted in arrays that stay with the thread from one
 * query to the next, instead of a growing list, its copy and the sort's two arrays per request.
 *
 * <p>Why: a box of the benchmark finds ~730 ids on average and up to tens of thousands; those four
 * arrays were the largest sampled allocation of a box query, and without them a query allocates
 * 10–25 % less ("Box queries, ninth pass" in docs/benchmarks.md; the CPU gain is within the
 * spread). Arrays that grew beyond {@link #KEEP} ids are dropped at the next query, so one huge box
 * does not leave megabytes with an event loop.
 *
 * <p>Use: {@link #collect()} at the start of a query on the thread that runs it, then {@link
 * #accept} each id, {@link #sort()}, read {@link #ids()}{@code [0..}{@link #count()}{@code )}
 * before that thread's next {@code collect()}. Never hand the array to anything that outlives the
 * query.
 */
final class BoxIds implements IntConsumer {

  /** Arrays of up to this many ids are kept for the next query on the thread. */
  static final int KEEP = 1 << 16;

  private static final int INITIAL = 1024;

  private static final ThreadLocal<BoxIds> PER_THREAD = ThreadLocal.withInitial(BoxIds::new);

  private int[] ids = new int[INITIAL];
  private int[] spare = new int[INITIAL];
  private final int[] counts = new int[Ids.RADIX];
  private int count;

  private BoxIds() {}

  /** This thread's instance, emptied. */
  static BoxIds collect() {
    BoxIds b = PER_THREAD.get();
    b.count = 0;
    if (b.ids.length > KEEP) {
      b.ids = new int[INITIAL];
    }
    if (b.spare.length > KEEP) {
      b.spare = new int[INITIAL];
    }
    return b;
  }

  @Override
  public void accept(int id) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
    }
    ids[count++] = id;
  }

  /** Sorts the collected ids ascending (all ≥ 0). */
  void sort() {
    if (spare.length < count) {
      spare = new int[ids.length];
    }
    Ids.sort(ids, count, spare, counts);
  }

  /** The ids, valid in {@code [0..count())}; longer than that. */
  int[] ids() {
    return ids;
  }

  int count() {
    return count;
  }
}
