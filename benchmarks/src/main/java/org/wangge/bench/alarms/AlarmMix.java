package org.wangge.bench.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses what each alarm of a run is: a repeat of a key with an active case (it folds into that
 * case) or a key that has none (it opens a new case).
 *
 * <p>The share of new keys is exact, not random: message {@code i} (from 0) is new exactly when
 * {@code floor((i + 1) × share) > floor(i × share)}, so 10% means every tenth message. While no key
 * is active yet (a fresh database) the message is new as well. Repeats pick uniformly among the
 * active keys, including those this run opened. Not thread-safe.
 */
final class AlarmMix {

  /** One chosen alarm. {@code opensCase} is what the mix intends; the platform decides. */
  record Pick(AlarmKey key, boolean opensCase) {}

  private static final long MILLION = 1_000_000L;

  private final List<AlarmKey> fresh;
  private final List<AlarmKey> active;
  private final long newPerMillion;
  private final SplittableRandom random;
  private int nextFresh;
  private long index;

  /**
   * @param fresh keys without an active case, in the order to use them
   * @param active keys with an active case
   * @param newShare 0–1, the share of messages that open a new case
   */
  AlarmMix(List<AlarmKey> fresh, List<AlarmKey> active, double newShare, long seed) {
    if (!(newShare >= 0 && newShare <= 1)) {
      throw new IllegalArgumentException("share of new cases " + newShare + " is not in 0–1");
    }
    this.fresh = List.copyOf(fresh);
    this.active = new ArrayList<>(active);
    this.newPerMillion = Math.round(newShare * MILLION);
    this.random = new SplittableRandom(seed);
  }

  /** How many new keys the first {@code messages} messages use (when some key is active). */
  static long newKeysNeeded(long messages, double newShare) {
    long perMillion = Math.round(newShare * MILLION);
    return messages * perMillion / MILLION;
  }

  int freshLeft() {
    return fresh.size() - nextFresh;
  }

  int activeCount() {
    return active.size();
  }

  /**
   * The next alarm.
   *
   * @throws IllegalStateException when a new key is due and none is left
   */
  Pick next() {
    long i = index++;
    boolean isNew =
        active.isEmpty() || (i + 1) * newPerMillion / MILLION > i * newPerMillion / MILLION;
    if (!isNew) {
      return new Pick(active.get(random.nextInt(active.size())), false);
    }
    if (nextFresh == fresh.size()) {
      throw new IllegalStateException(
          "all "
              + fresh.size()
              + " (component, alarm type) keys of the fleet without an active case are used: close"
              + " the open cases (--close-open-cases) or use a fresh database");
    }
    AlarmKey key = fresh.get(nextFresh++);
    active.add(key);
    return new Pick(key, true);
  }
}
