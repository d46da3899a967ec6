package org.wangge.ingest.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.Quarantined;

/**
 * The alarm log's counters, tagged {@code log=in-process|kafka}: {@code wangge.ingest.appended},
 * {@code .processed}, {@code .batches}, {@code .retries}, and {@code wangge.ingest.records} by
 * {@code type} (device_message, quarantined, dead_letter) and {@code reason}.
 */
final class LogMetrics {

  private final Counter appended;
  private final Counter processed;
  private final Counter batches;
  private final Counter retries;
  private final Counter deviceMessages;
  private final Map<Quarantined.Reason, Counter> quarantined =
      new EnumMap<>(Quarantined.Reason.class);
  private final Map<DeadLetter.Reason, Counter> deadLetters =
      new EnumMap<>(DeadLetter.Reason.class);

  LogMetrics(MeterRegistry registry, String log) {
    appended = registry.counter("wangge.ingest.appended", "log", log);
    processed = registry.counter("wangge.ingest.processed", "log", log);
    batches = registry.counter("wangge.ingest.batches", "log", log);
    retries = registry.counter("wangge.ingest.retries", "log", log);
    deviceMessages =
        registry.counter(
            "wangge.ingest.records", "log", log, "type", "device_message", "reason", "none");
    for (Quarantined.Reason r : Quarantined.Reason.values()) {
      quarantined.put(
          r,
          registry.counter(
              "wangge.ingest.records", "log", log, "type", "quarantined", "reason", r.name()));
    }
    for (DeadLetter.Reason r : DeadLetter.Reason.values()) {
      deadLetters.put(
          r,
          registry.counter(
              "wangge.ingest.records", "log", log, "type", "dead_letter", "reason", r.name()));
    }
  }

  void appended() {
    appended.increment();
  }

  void retried() {
    retries.increment();
  }

  void processed(List<? extends IngestRecord> batch) {
    batches.increment();
    processed.increment(batch.size());
    for (IngestRecord r : batch) {
      if (r instanceof DeviceMessage) {
        deviceMessages.increment();
      } else if (r instanceof Quarantined q) {
        quarantined.get(q.reason()).increment();
      } else if (r instanceof DeadLetter d) {
        deadLetters.get(d.reason()).increment();
      }
    }
  }
}
