package org.wangge.bench.alarms;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters every {@link Publishers} reports. {@code submitted}, {@code sends} and {@code
 * resends} are written by the one pacing thread only (volatile, so a reporting thread reads them);
 * {@code acked} and {@code rejected} by the clients' network threads.
 */
abstract class CountingPublishers implements Publishers {

  protected final AtomicLong acked = new AtomicLong();
  protected final AtomicLong rejected = new AtomicLong();
  protected volatile long submitted;
  protected volatile long sends;
  protected volatile long resends;

  @Override
  public long submitted() {
    return submitted;
  }

  @Override
  public long acked() {
    return acked.get();
  }

  @Override
  public long resends() {
    return resends;
  }

  @Override
  public long sends() {
    return sends;
  }

  @Override
  public long rejected() {
    return rejected.get();
  }
}
