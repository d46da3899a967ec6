package org.wangge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A processor for tests: records every batch it committed, can fail its first calls, and can be
 * held until released.
 */
public final class RecordingProcessor implements RecordProcessor {

  private final List<List<IngestRecord>> committed = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch firstCall = new CountDownLatch(1);
  private volatile Runnable onFailure = () -> {};

  /** The next {@code n} calls fail. */
  public RecordingProcessor failNext(int n) {
    failuresLeft.set(n);
    return this;
  }

  /** Runs when a call is about to fail, on the calling thread (before the Mono errors). */
  public RecordingProcessor onFailure(Runnable r) {
    onFailure = r;
    return this;
  }

  /** Holds every call until {@link #release()}. */
  public RecordingProcessor hold() {
    gate = new CountDownLatch(1);
    return this;
  }

  public void release() {
    gate.countDown();
  }

  public void awaitFirstCall() throws InterruptedException {
    if (!firstCall.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError("the processor was never called");
    }
  }

  @Override
  public Mono<Void> process(List<IngestRecord> batch) {
    return Mono.defer(
        () -> {
          calls.incrementAndGet();
          firstCall.countDown();
          if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failures.incrementAndGet();
            onFailure.run();
            return Mono.error(new IllegalStateException("simulated database outage"));
          }
          CountDownLatch g = gate;
          if (g.getCount() == 0) {
            committed.add(List.copyOf(batch));
            return Mono.empty();
          }
          // A held call completes later on another thread, like a real database driver.
          return Mono.fromRunnable(
                  () -> {
                    try {
                      g.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    committed.add(List.copyOf(batch));
                  })
              .subscribeOn(Schedulers.boundedElastic())
              .then();
        });
  }

  public List<List<IngestRecord>> batches() {
    return committed;
  }

  /** Every committed record in commit order (redeliveries included). */
  public List<IngestRecord> records() {
    List<IngestRecord> all = new ArrayList<>();
    committed.forEach(all::addAll);
    return all;
  }

  public List<String> keys() {
    return records().stream().map(IngestRecord::key).toList();
  }

  public int calls() {
    return calls.get();
  }

  public int failures() {
    return failures.get();
  }
}
