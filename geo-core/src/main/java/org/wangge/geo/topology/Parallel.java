package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs index ranges on a bounded pool (or inline without one) and gathers what they find. */
final class Parallel {

  /** Work on {@code [from, to)} that appends its findings to {@code out}. */
  interface RangeTask<R> {
    void run(int from, int to, List<R> out);
  }

  private Parallel() {}

  static <R> List<R> run(ExecutorService pool, int size, int chunk, RangeTask<R> task) {
    List<R> all = new ArrayList<>();
    if (pool == null || size <= chunk) {
      task.run(0, size, all);
      return all;
    }
    List<Future<List<R>>> futures = new ArrayList<>();
    for (int from = 0; from < size; from += chunk) {
      int start = from;
      int end = Math.min(size, from + chunk);
      futures.add(
          pool.submit(
              () -> {
                List<R> out = new ArrayList<>();
                task.run(start, end, out);
                return out;
              }));
    }
    for (Future<List<R>> f : futures) {
      all.addAll(join(f));
    }
    return all;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("topology check interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
