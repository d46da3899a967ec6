package org.wangge.api.casefile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Counts of what the alarm processor committed since start, for {@code /api/ingest/stats}. */
@Component
public class IngestStats {

  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong redelivered = new AtomicLong();
  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

  void batch(int dead, int quarantine) {
    batches.incrementAndGet();
    deadLetters.addAndGet(dead);
    quarantined.addAndGet(quarantine);
  }

  void redelivered(int n) {
    redelivered.addAndGet(n);
  }

  void outcomes(Map<String, Long> counts) {
    counts.forEach((k, v) -> outcomes.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(v));
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("batches", batches.get());
    out.put("deadLetters", deadLetters.get());
    out.put("quarantined", quarantined.get());
    out.put("redeliveredSkipped", redelivered.get());
    Map<String, Long> o = new LinkedHashMap<>();
    outcomes.forEach((k, v) -> o.put(k, v.get()));
    out.put("outcomes", o);
    return out;
  }
}
