package org.wangge.ingest.log;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.RecordProcessor;

/**
 * The default {@link AlarmLog}: bounded queues in this JVM, one per partition, each drained by its
 * own worker thread.
 *
 * <p>A record goes to the partition {@code floorMod(partitionKey.hashCode(), partitions)}, so one
 * device's records are processed in order. The worker takes whatever is queued (up to {@code
 * maxBatch}, without waiting for more), calls {@link RecordProcessor#process} and waits for its
 * {@code Mono}; on success it runs each record's {@code onSafe} in arrival order, on failure it
 * retries the same batch after an exponential back-off, forever, until it succeeds or the log is
 * closed. Nothing survives the JVM: a record is safe only once processed, which is why {@code
 * onSafe} (the MQTT acknowledgement) waits for the processor.
 *
 * <p>{@link #append} blocks while the partition's queue is full, and throws {@link
 * IllegalStateException} once the log is closed. {@link #close()} stops taking records, lets the
 * workers finish what is queued (a batch that keeps failing is abandoned, unacknowledged, so MQTT
 * redelivers it) and waits for them up to {@link InProcessLogSettings#closeTimeout()}. Thread-safe.
 */
public final class InProcessAlarmLog implements AlarmLog {

  private static final Logger log = LoggerFactory.getLogger(InProcessAlarmLog.class);
  private static final long POLL_MILLIS = 100;

  private final InProcessLogSettings settings;
  private final LogMetrics metrics;
  private final BackOff backOff;
  private final List<Partition> partitions = new ArrayList<>();
  private volatile boolean closed;
  private volatile boolean started;

  public InProcessAlarmLog(InProcessLogSettings settings, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = new LogMetrics(meters, "in-process");
    this.backOff = new BackOff(settings.minBackOff(), settings.maxBackOff());
    for (int i = 0; i < settings.partitions(); i++) {
      Partition p = new Partition(i, new ArrayBlockingQueue<>(settings.capacity()));
      partitions.add(p);
      Gauge.builder("wangge.ingest.queued", p.queue, BlockingQueue::size)
          .tags("log", "in-process", "partition", Integer.toString(i))
          .register(meters);
    }
  }

  @Override
  public synchronized void start(RecordProcessor processor) {
    Objects.requireNonNull(processor, "processor");
    if (started) {
      throw new IllegalStateException("the alarm log was already started");
    }
    started = true;
    for (Partition p : partitions) {
      p.worker = new Thread(() -> p.run(processor), "alarm-log-" + p.index);
      p.worker.setDaemon(true);
      p.worker.start();
    }
  }

  @Override
  public void append(IngestRecord record, Runnable onSafe) throws InterruptedException {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(onSafe, "onSafe");
    Partition p =
        partitions.get(Math.floorMod(record.partitionKey().hashCode(), partitions.size()));
    Entry entry = new Entry(record, onSafe);
    // Blocking put, but wake up now and then so close() cannot strand a blocked appender.
    while (!p.queue.offer(entry, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new IllegalStateException("the alarm log is closed");
      }
    }
    if (closed && p.queue.remove(entry)) {
      throw new IllegalStateException("the alarm log is closed");
    }
    metrics.appended();
  }

  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    for (Partition p : partitions) {
      Thread worker = p.worker;
      if (worker == null) {
        continue;
      }
      try {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        worker.join(Math.max(1, left));
        if (worker.isAlive()) {
          log.warn("alarm log worker {} did not finish in time; interrupting it", p.index);
          worker.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private record Entry(IngestRecord record, Runnable onSafe) {}

  private final class Partition {
    final int index;
    final BlockingQueue<Entry> queue;
    volatile Thread worker;

    Partition(int index, BlockingQueue<Entry> queue) {
      this.index = index;
      this.queue = queue;
    }

    void run(RecordProcessor processor) {
      List<Entry> batch = new ArrayList<>(settings.maxBatch());
      List<IngestRecord> records = new ArrayList<>(settings.maxBatch());
      try {
        while (!closed || !queue.isEmpty()) {
          Entry first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, settings.maxBatch() - 1);
          for (Entry e : batch) {
            records.add(e.record());
          }
          if (!processUntilDone(processor, records)) {
            return; // closed while failing: leave the batch unacknowledged
          }
          metrics.processed(records);
          for (Entry e : batch) {
            runSafely(e.onSafe());
          }
          batch.clear();
          records.clear();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** True once the processor committed the batch; false when closed before it could. */
    private boolean processUntilDone(RecordProcessor processor, List<IngestRecord> records)
        throws InterruptedException {
      // The processor gets an immutable copy: it may keep it, we reuse ours.
      List<IngestRecord> view = List.copyOf(records);
      for (int attempt = 0; ; attempt++) {
        try {
          processor.process(view).toFuture().get();
          return true;
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
          Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
          if (closed) {
            log.warn(
                "alarm log partition {}: batch of {} records failed while closing; left"
                    + " unacknowledged for redelivery",
                index,
                view.size(),
                cause);
            return false;
          }
          java.time.Duration wait = backOff.delay(attempt + 1);
          log.warn(
              "alarm log partition {}: processing a batch of {} records failed (attempt {});"
                  + " retrying in {} ms",
              index,
              view.size(),
              attempt + 1,
              wait.toMillis(),
              cause);
          metrics.retried();
          Thread.sleep(wait.toMillis());
        }
      }
    }
  }

  private static void runSafely(Runnable onSafe) {
    try {
      onSafe.run();
    } catch (RuntimeException e) {
      log.error("an onSafe callback failed; the log goes on", e);
    }
  }
}
