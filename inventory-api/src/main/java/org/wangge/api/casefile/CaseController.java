package org.wangge.api.casefile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.api.security.UserAccounts;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases and the units' live inboxes.
 *
 * <ul>
 *   <li>{@code GET /api/cases?unit=&status=&source=&limit=&offset=}: newest first.
 *   <li>{@code GET /api/cases/{number}}: one case with its routing snapshot and history.
 *   <li>{@code GET /api/inbox?unit=}: the unit's active cases.
 *   <li>{@code GET /api/inbox/stream?unit=}: server-sent events: an {@code open} comment once the
 *       stream listens, then one {@code case} event per new or changed case right after its commit
 *       (a batch's events in one write), and a {@code ping} comment every 15 s.
 * </ul>
 *
 * A UNIT_HANDLER sees only its own unit (asking for another is 403); ADMIN, DISPATCHER and PLANNER
 * see every unit, or one with {@code unit=}.
 */
@RestController
class CaseController {

  private static final String COLUMNS =
      "id, number, source, kind, class_code as \"classCode\", alarm_type as \"alarmType\","
          + " severity, title, lon, lat, component_code as \"componentCode\","
          + " device_id as \"deviceId\", grid_code as \"gridCode\", unit_id as \"unitId\","
          + " unit_name as \"unitName\", status, alarm_count as \"alarmCount\","
          + " first_alarm_at as \"firstAlarmAt\", last_alarm_at as \"lastAlarmAt\","
          + " recovered_at as \"recoveredAt\", on_site_due_at as \"onSiteDueAt\","
          + " due_at as \"dueAt\", urgency, flagged, created_at as \"createdAt\","
          + " updated_at as \"updatedAt\"";
  private static final List<String> STATUSES =
      List.of(
          "REGISTERED",
          "DISPATCHED",
          "CLAIMED",
          "HANDLED",
          "RETURNED",
          "VERIFIED",
          "CLOSED",
          "SUSPENDED",
          "VOID");

  private final DatabaseClient db;
  private final CaseEvents events;
  private final UserAccounts users;

  private final JsonMapper json;

  CaseController(DatabaseClient db, CaseEvents events, UserAccounts users, JsonMapper json) {
    this.db = db;
    this.events = events;
    this.users = users;
    this.json = json;
  }

  @GetMapping("/api/cases")
  Flux<Map<String, Object>> list(
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String source,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset,
      Authentication auth) {
    org.wangge.api.web.Params.paging(limit, offset);
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidParameterException(
          "status", "status '" + status + "' is not one of " + STATUSES);
    }
    return scope(auth, unit)
        .flatMapMany(
            u -> {
              StringBuilder sql =
                  new StringBuilder("select " + COLUMNS + " from case_file where true");
              Map<String, Object> binds = new LinkedHashMap<>();
              if (!u.isEmpty()) {
                sql.append(" and unit_id = :unit");
                binds.put("unit", u);
              }
              if (status != null) {
                sql.append(" and status = :status");
                binds.put("status", status);
              }
              if (source != null) {
                sql.append(" and source = :source");
                binds.put("source", source);
              }
              sql.append(" order by id desc limit ")
                  .append(limit)
                  .append(" offset ")
                  .append(offset);
              DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
              for (var e : binds.entrySet()) {
                spec = spec.bind(e.getKey(), e.getValue());
              }
              return spec.fetch().all();
            });
  }

  @GetMapping("/api/cases/{number}")
  Mono<Map<String, Object>> get(@PathVariable String number, Authentication auth) {
    return db.sql(
            "select "
                + COLUMNS
                + ", routing_rule as \"routingRule\", routing_mode as \"routingMode\","
                + " routing_flags as \"routingFlags\", explanation_zh as \"explanationZh\","
                + " explanation_en as \"explanationEn\" from case_file where number = :n")
        .bind("n", number)
        .fetch()
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("case " + number + " does not exist")))
        .flatMap(
            row ->
                scope(auth, (String) row.get("unitId"))
                    .then(
                        db.sql(
                                "select at, action, status, actor, unit_id as \"unitId\", note"
                                    + " from case_history where case_id = :id order by at, id")
                            .bind("id", row.get("id"))
                            .fetch()
                            .all()
                            .collectList()
                            .map(
                                history -> {
                                  Map<String, Object> out = new LinkedHashMap<>(row);
                                  out.put("history", history);
                                  return out;
                                })));
  }

  @GetMapping("/api/inbox")
  Flux<Map<String, Object>> inbox(
      @RequestParam(required = false) String unit, Authentication auth) {
    return scope(auth, unit)
        .flatMapMany(
            u -> {
              DatabaseClient.GenericExecuteSpec spec =
                  db.sql(
                      "select "
                          + COLUMNS
                          + " from case_file where status not in ('CLOSED', 'VOID')"
                          + (u.isEmpty() ? "" : " and unit_id = :unit")
                          + " order by due_at limit 1000");
              return (u.isEmpty() ? spec : spec.bind("unit", u)).fetch().all();
            });
  }

  @GetMapping(path = "/api/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Mono<Void> stream(
      @RequestParam(required = false) String unit,
      Authentication auth,
      ServerHttpResponse response) {
    return scope(auth, unit)
        .flatMap(
            u -> {
              response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
              response.getHeaders().setCacheControl("no-cache");
              DataBufferFactory buffers = response.bufferFactory();
              Flux<byte[]> cases = events.batches(u.isEmpty() ? null : u).map(this::frames);
              Flux<byte[]> pings = Flux.interval(Duration.ofSeconds(15)).map(i -> PING);
              // OPEN goes out once the stream listens to the events: a client that waits for
              // it misses nothing committed afterwards
              return response.writeAndFlushWith(
                  Flux.merge(cases, pings, Flux.just(OPEN))
                      .map(bytes -> Mono.just(buffers.wrap(bytes))));
            });
  }

  /** The first comment of every stream. */
  private static final byte[] OPEN = ": open\n\n".getBytes(StandardCharsets.UTF_8);

  private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

  /**
   * One committed batch as consecutive {@code case} events, written and flushed at once: an event
   * per write cost more than encoding it, at thousands of case changes a second.
   */
  private byte[] frames(List<CaseEvent> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 512);
    for (CaseEvent e : batch) {
      out.writeBytes(
          ("event: case\nid: " + e.caseNumber() + "/" + e.alarmCount() + "\ndata: ")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(json.writeValueAsBytes(e));
      out.write('\n');
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The unit the caller may see: its own for a UNIT_HANDLER, else the asked one or "" (all). */
  private Mono<String> scope(Authentication auth, String asked) {
    boolean wide =
        auth.getAuthorities().stream()
            .anyMatch(
                a ->
                    a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_DISPATCHER")
                        || a.getAuthority().equals("ROLE_PLANNER"));
    if (wide) {
      return Mono.just(asked == null ? "" : asked);
    }
    return users
        .unitOf(auth.getName())
        .switchIfEmpty(Mono.error(new AccessDeniedException("you are not tied to a unit")))
        .flatMap(
            own ->
                asked == null || asked.equals(own)
                    ? Mono.just(own)
                    : Mono.error(
                        new AccessDeniedException(
                            "a unit handler sees only the cases of unit " + own)));
  }
}
