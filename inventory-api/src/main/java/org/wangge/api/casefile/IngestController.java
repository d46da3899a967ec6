package org.wangge.api.casefile;

import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * What the ingest could not turn into cases, and its counters: {@code GET
 * /api/ingest/dead-letters?reason=&limit=}, {@code GET /api/ingest/quarantine?device=&limit=},
 * {@code GET /api/ingest/stats}. ADMIN and DISPATCHER. Payloads are returned as UTF-8 text (bytes
 * that are not UTF-8 are replaced).
 */
@RestController
class IngestController {

  private final DatabaseClient db;
  private final IngestStats stats;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  IngestController(
      DatabaseClient db, IngestStats stats, io.micrometer.core.instrument.MeterRegistry meters) {
    this.db = db;
    this.stats = stats;
    this.meters = meters;
  }

  @GetMapping("/api/ingest/dead-letters")
  Flux<Map<String, Object>> deadLetters(
      @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "100") int limit) {
    return newest(
        "key, reason, detail, topic, payload, payload_bytes as \"payloadBytes\","
            + " received_at as \"receivedAt\" from dead_letter",
        "reason",
        reason,
        limit);
  }

  @GetMapping("/api/ingest/quarantine")
  Flux<Map<String, Object>> quarantine(
      @RequestParam(required = false) String device,
      @RequestParam(defaultValue = "100") int limit) {
    return newest(
        "key, device_id as \"deviceId\", reason, detail, topic, payload,"
            + " received_at as \"receivedAt\" from quarantine",
        "device_id",
        device,
        limit);
  }

  /**
   * The newest rows of {@code columnsFromTable}, optionally where {@code column} equals {@code
   * value}.
   */
  private Flux<Map<String, Object>> newest(
      String columnsFromTable, String column, String value, int limit) {
    org.wangge.api.web.Params.paging(limit, 0);
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
            "select "
                + columnsFromTable
                + (value == null ? "" : " where " + column + " = :value")
                + " order by received_at desc limit "
                + limit);
    return (value == null ? spec : spec.bind("value", value))
        .fetch()
        .all()
        .map(IngestController::payloadAsText);
  }

  /**
   * What the processor committed since start, and the ingest's counters ({@code wangge.ingest.*}:
   * received, appended, processed, retries, records by type and dead-letter reason), each under its
   * name and tags.
   */
  @GetMapping("/api/ingest/stats")
  Map<String, Object> stats() {
    Map<String, Object> out = new java.util.LinkedHashMap<>(stats.snapshot());
    Map<String, Double> counters = new java.util.TreeMap<>();
    for (var m : meters.getMeters()) {
      if (!m.getId().getName().startsWith("wangge.")) {
        continue;
      }
      StringBuilder name = new StringBuilder(m.getId().getName());
      m.getId()
          .getTags()
          .forEach(t -> name.append(',').append(t.getKey()).append('=').append(t.getValue()));
      m.measure().forEach(x -> counters.merge(name.toString(), x.getValue(), Double::sum));
    }
    out.put("meters", counters);
    return out;
  }

  private static Map<String, Object> payloadAsText(Map<String, Object> row) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(row);
    Object p = row.get("payload");
    if (p instanceof java.nio.ByteBuffer b) {
      out.put("payload", java.nio.charset.StandardCharsets.UTF_8.decode(b.duplicate()).toString());
    } else if (p instanceof byte[] bytes) {
      out.put("payload", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }
}
