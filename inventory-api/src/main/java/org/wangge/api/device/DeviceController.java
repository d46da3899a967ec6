package org.wangge.api.device;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.api.Database;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.web.ConflictException;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The device registry: {@code GET /api/devices} (filters kind, status, component; paging), {@code
 * GET/PUT/DELETE /api/devices/{id}}, {@code POST /api/devices} (a generated secret is returned
 * once), {@code POST /api/devices/{id}/secret} (rotate), and {@code POST /api/devices/import} (CSV
 * with the header {@code id,kind,component_code,secret,dev_eui,name,status}: good rows land, bad
 * ones are rejected with row number, field and reason). Reads: ADMIN, DISPATCHER, PLANNER; writes:
 * ADMIN.
 */
@RestController
@RequestMapping("/api/devices")
class DeviceController {

  record DeviceBody(
      String id,
      String kind,
      String componentCode,
      String secret,
      String status,
      String devEui,
      String name) {}

  private static final String COLUMNS =
      "id, kind, component_code as \"componentCode\", status, dev_eui as \"devEui\", name,"
          + " last_seen as \"lastSeen\", battery_percent as \"batteryPercent\","
          + " created_at as \"createdAt\", updated_at as \"updatedAt\"";

  private final DatabaseClient db;
  private final Database database;
  private final DeviceRegistry registry;
  private final DevicePresence presence;
  private final ComponentStore components;

  DeviceController(
      DatabaseClient db,
      Database database,
      DeviceRegistry registry,
      DevicePresence presence,
      ComponentStore components) {
    this.db = db;
    this.database = database;
    this.registry = registry;
    this.presence = presence;
    this.components = components;
  }

  @GetMapping
  Flux<Map<String, Object>> list(
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String component,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    org.wangge.api.web.Params.paging(limit, offset);
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from device where true");
    Map<String, Object> binds = new LinkedHashMap<>();
    if (kind != null) {
      try {
        binds.put("kind", DeviceKind.parse(kind).name());
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("kind", e.getMessage());
      }
      sql.append(" and kind = :kind");
    }
    if (status != null) {
      if (!status.equals("ACTIVE") && !status.equals("DISABLED")) {
        throw new InvalidParameterException(
            "status", "status '" + status + "' is not ACTIVE or DISABLED");
      }
      binds.put("status", status);
      sql.append(" and status = :status");
    }
    if (component != null) {
      binds.put("component", component);
      sql.append(" and component_code = :component");
    }
    sql.append(" order by id limit ").append(limit).append(" offset ").append(offset);
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
    for (var e : binds.entrySet()) {
      spec = spec.bind(e.getKey(), e.getValue());
    }
    return spec.fetch().all().map(presence::overlay);
  }

  @GetMapping("/{id}")
  Mono<Map<String, Object>> get(@PathVariable String id) {
    return db.sql("select " + COLUMNS + " from device where id = :id")
        .bind("id", id)
        .fetch()
        .one()
        .map(presence::overlay)
        .switchIfEmpty(Mono.error(new NotFoundException("device " + id + " does not exist")));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<Map<String, Object>> create(@RequestBody DeviceBody body) {
    DeviceCommand cmd = command(body, body == null ? null : body.id());
    String secret = cmd.secret() == null ? DeviceSecrets.generate() : cmd.secret();
    return Mono.fromCallable(
            () -> {
              try (Connection c = database.connect()) {
                int n = upsert(c, cmd, secret, false);
                if (n == 0) {
                  throw new ConflictException("device " + cmd.id() + " exists already");
                }
              }
              registry.reload();
              return cmd.id();
            })
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(this::get)
        .map(
            row -> {
              Map<String, Object> out = new LinkedHashMap<>(row);
              if (cmd.secret() == null) {
                out.put("secret", secret); // generated: shown this once
              }
              return out;
            });
  }

  @PutMapping("/{id}")
  Mono<Map<String, Object>> update(@PathVariable String id, @RequestBody DeviceBody body) {
    if (body != null && body.id() != null && !body.id().equals(id)) {
      throw new InvalidParameterException(
          "id", "id '" + body.id() + "' differs from the URL's " + id);
    }
    DeviceCommand cmd = command(body, id);
    return write(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "update device set kind = ?, component_code = ?, status = ?, dev_eui = ?,"
                          + " name = ?, secret_hash = coalesce(?, secret_hash), updated_at = now()"
                          + " where id = ?")) {
                ps.setString(1, cmd.kind());
                ps.setString(2, cmd.componentCode());
                ps.setString(3, cmd.status());
                ps.setString(4, cmd.devEui());
                ps.setString(5, cmd.name());
                ps.setString(6, cmd.secret() == null ? null : DeviceSecrets.hash(cmd.secret()));
                ps.setString(7, id);
                if (ps.executeUpdate() == 0) {
                  throw new NotFoundException("device " + id + " does not exist");
                }
              }
            })
        .then(get(id));
  }

  @PostMapping("/{id}/secret")
  Mono<Map<String, Object>> rotateSecret(@PathVariable String id) {
    String secret = DeviceSecrets.generate();
    return write(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "update device set secret_hash = ?, updated_at = now() where id = ?")) {
                ps.setString(1, DeviceSecrets.hash(secret));
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                  throw new NotFoundException("device " + id + " does not exist");
                }
              }
            })
        .thenReturn(Map.of("id", id, "secret", secret));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@PathVariable String id) {
    return write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("delete from device where id = ?")) {
            ps.setString(1, id);
            if (ps.executeUpdate() == 0) {
              throw new NotFoundException("device " + id + " does not exist");
            }
          }
        });
  }

  /**
   * CSV import in one transaction: valid rows are inserted or updated by id, invalid rows are
   * listed with their row number (1 = the first data row), field and reason. A row without a secret
   * keeps an existing device's secret; a new device without one gets a generated secret, returned
   * in {@code secrets} this once.
   */
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "text/plain", "application/octet-stream"})
  Mono<Map<String, Object>> importCsv(@RequestBody byte[] body) {
    return Mono.fromCallable(() -> importRows(new String(body, StandardCharsets.UTF_8)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private Map<String, Object> importRows(String text) throws Exception {
    List<List<String>> rows = DeviceCsv.parse(text);
    if (rows.isEmpty()) {
      throw new InvalidParameterException("body", "the CSV is empty: a header row is required");
    }
    Map<String, Integer> header = DeviceCsv.header(rows.get(0));
    List<Map<String, Object>> rejected = new ArrayList<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int inserted = 0;
    int updated = 0;
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      for (int r = 1; r < rows.size(); r++) {
        List<String> row = rows.get(r);
        DeviceCommand cmd;
        try {
          cmd =
              DeviceCommand.validate(
                  DeviceCsv.field(row, header, "id"),
                  DeviceCsv.field(row, header, "kind"),
                  DeviceCsv.field(row, header, "component_code"),
                  DeviceCsv.field(row, header, "secret"),
                  DeviceCsv.field(row, header, "status"),
                  DeviceCsv.field(row, header, "dev_eui"),
                  DeviceCsv.field(row, header, "name"),
                  components);
        } catch (InvalidParameterException e) {
          rejected.add(Map.of("row", r, "field", e.field(), "reason", e.getMessage()));
          continue;
        }
        if (!seen.add(cmd.id())) {
          rejected.add(
              Map.of("row", r, "field", "id", "reason", "device " + cmd.id() + " is given twice"));
          continue;
        }
        boolean exists = exists(c, cmd.id());
        String secret = cmd.secret();
        if (secret == null && !exists) {
          secret = DeviceSecrets.generate();
          secrets.put(cmd.id(), secret);
        }
        upsert(c, cmd, secret, true);
        if (exists) {
          updated++;
        } else {
          inserted++;
        }
      }
      c.commit();
    }
    registry.reload();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("rows", rows.size() - 1);
    report.put("inserted", inserted);
    report.put("updated", updated);
    report.put("rejected", rejected);
    report.put("secrets", secrets);
    return report;
  }

  private static boolean exists(Connection c, String id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("select 1 from device where id = ?")) {
      ps.setString(1, id);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Inserts, or with {@code replace} updates an existing row; returns the rows written. */
  private static int upsert(Connection c, DeviceCommand cmd, String secret, boolean replace)
      throws Exception {
    String conflict =
        replace
            ? " on conflict (id) do update set kind = excluded.kind,"
                + " component_code = excluded.component_code, status = excluded.status,"
                + " dev_eui = excluded.dev_eui, name = excluded.name,"
                + " secret_hash = coalesce(?, device.secret_hash), updated_at = now()"
            : " on conflict (id) do nothing";
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into device (id, kind, component_code, secret_hash, status, dev_eui, name)"
                + " values (?, ?, ?, ?, ?, ?, ?)"
                + conflict)) {
      String hash = secret == null ? DeviceSecrets.hash(DeviceSecrets.generate()) : null;
      ps.setString(1, cmd.id());
      ps.setString(2, cmd.kind());
      ps.setString(3, cmd.componentCode());
      ps.setString(4, secret == null ? hash : DeviceSecrets.hash(secret));
      ps.setString(5, cmd.status());
      ps.setString(6, cmd.devEui());
      ps.setString(7, cmd.name());
      if (replace) {
        ps.setString(8, secret == null ? null : DeviceSecrets.hash(secret));
      }
      return ps.executeUpdate();
    } catch (java.sql.SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new ConflictException(
            "device " + cmd.id() + ": DevEUI " + cmd.devEui() + " belongs to another device");
      }
      throw e;
    }
  }

  private DeviceCommand command(DeviceBody body, String id) {
    if (body == null) {
      throw new InvalidParameterException("body", "a JSON body {id, kind, …} is required");
    }
    return DeviceCommand.validate(
        id,
        body.kind(),
        body.componentCode(),
        body.secret(),
        body.status(),
        body.devEui(),
        body.name(),
        components);
  }

  private interface JdbcWork {
    void run(Connection c) throws Exception;
  }

  private Mono<Void> write(JdbcWork work) {
    return Mono.<Void>fromCallable(
            () -> {
              try (Connection c = database.connect()) {
                work.run(c);
              }
              registry.reload();
              return null;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }
}
