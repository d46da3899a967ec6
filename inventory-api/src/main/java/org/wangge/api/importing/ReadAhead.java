package org.wangge.api.importing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.SourceFeature;

/**
 * A reader that parses the file on a thread of its own, in batches, a few batches ahead of the
 * caller: parsing (CSV scanning, DBF and geometry decoding) and validating then use a core each.
 * Features come out in file order; a failure of the underlying reader comes out of {@link #next}
 * after the features read before it. Every reader in geo-core hands out fresh objects per feature,
 * which is what makes handing them to another thread safe. Not thread-safe itself: one consumer.
 */
final class ReadAhead implements FeatureReader {

  private static final int BATCH = 1024;
  private static final List<SourceFeature> END =
      java.util.Collections.unmodifiableList(new ArrayList<>());

  private final FeatureReader source;
  private final List<String> fieldNames;
  private final Optional<Crs> declaredCrs;
  private final String description;
  private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(8);
  private final Object finished = new Object();
  private volatile boolean closed;
  private boolean producing = true;
  private List<SourceFeature> current = List.of();
  private int at;
  private Throwable failure;

  ReadAhead(FeatureReader source, Executor executor) {
    this.source = source;
    // asked here, before the parsing thread starts: the readers are not thread-safe
    this.fieldNames = source.fieldNames();
    this.declaredCrs = source.declaredCrs();
    this.description = source.describe();
    executor.execute(this::produce);
  }

  private void produce() {
    List<SourceFeature> batch = new ArrayList<>(BATCH);
    try {
      try {
        SourceFeature f;
        while (!closed && (f = source.next()) != null) {
          batch.add(f);
          if (batch.size() == BATCH) {
            batches.put(batch);
            batch = new ArrayList<>(BATCH);
          }
        }
      } catch (Exception | Error e) {
        // the features read before the failure come first
        if (!batch.isEmpty()) {
          batches.put(batch);
        }
        batches.put(e);
        return;
      }
      if (!batch.isEmpty()) {
        batches.put(batch);
      }
      batches.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (finished) {
        producing = false;
        finished.notifyAll();
      }
    }
  }

  @Override
  public SourceFeature next() throws IOException {
    while (at == current.size()) {
      if (failure != null || current == END) {
        return rethrowOrEnd();
      }
      Object next;
      try {
        next = batches.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + description);
      }
      if (next instanceof Throwable t) {
        failure = t;
        return rethrowOrEnd();
      }
      @SuppressWarnings("unchecked")
      List<SourceFeature> batch = (List<SourceFeature>) next;
      current = batch;
      at = 0;
    }
    return current.get(at++);
  }

  private SourceFeature rethrowOrEnd() throws IOException {
    if (failure == null) {
      return null;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new UncheckedIOException(new IOException(failure));
  }

  @Override
  public List<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public Optional<Crs> declaredCrs() {
    return declaredCrs;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Stops the parsing thread (it finishes the feature it is on) and closes the file. */
  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (finished) {
      while (producing) {
        batches.clear(); // a producer blocked on a full queue moves on and sees closed
        try {
          finished.wait(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    source.close();
  }
}
