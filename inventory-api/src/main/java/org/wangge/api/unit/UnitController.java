package org.wangge.api.unit;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.api.WanggeProperties;
import org.wangge.api.web.ConflictException;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import org.wangge.geo.unit.Unit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Units: read by every role, written by ADMIN. {@code GET /api/units}, {@code GET /api/units/{id}},
 * {@code POST /api/units}, {@code PUT /api/units/{id}}, {@code DELETE /api/units/{id}}.
 */
@RestController
@RequestMapping("/api/units")
class UnitController {

  record UnitBody(String id, String name, String kind, String phone) {}

  private final DatabaseClient db;
  private final String district;

  UnitController(DatabaseClient db, WanggeProperties properties) {
    this.db = db;
    this.district = properties.district();
  }

  @GetMapping
  Flux<Map<String, Object>> list() {
    return db.sql("select id, name, kind, phone from unit order by id").fetch().all();
  }

  @GetMapping("/{id}")
  Mono<Map<String, Object>> get(@PathVariable String id) {
    return db.sql("select id, name, kind, phone from unit where id = :id")
        .bind("id", id)
        .fetch()
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("unit " + id + " does not exist")));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<Map<String, Object>> create(@RequestBody UnitBody body) {
    Unit unit = validate(body, body.id());
    return db.sql("select 1 from unit where id = :id")
        .bind("id", unit.id())
        .fetch()
        .one()
        .flatMap(
            x ->
                Mono.<Map<String, Object>>error(
                    new ConflictException("unit " + unit.id() + " exists already")))
        .switchIfEmpty(
            bindPhone(
                    db.sql(
                            "insert into unit (id, name, kind, district_code, phone)"
                                + " values (:id, :name, :kind, :d, :phone)")
                        .bind("id", unit.id())
                        .bind("name", unit.name())
                        .bind("kind", unit.kind().name())
                        .bind("d", district),
                    body.phone())
                .then()
                .then(get(unit.id())));
  }

  @PutMapping("/{id}")
  Mono<Map<String, Object>> update(@PathVariable String id, @RequestBody UnitBody body) {
    if (body.id() != null && !body.id().equals(id)) {
      throw new InvalidParameterException(
          "id", "id '" + body.id() + "' differs from the URL's " + id);
    }
    Unit unit = validate(body, id);
    return bindPhone(
            db.sql(
                    "update unit set name = :name, kind = :kind, phone = :phone, updated_at = now()"
                        + " where id = :id")
                .bind("id", id)
                .bind("name", unit.name())
                .bind("kind", unit.kind().name()),
            body.phone())
        .fetch()
        .rowsUpdated()
        .flatMap(
            n ->
                n == 0
                    ? Mono.error(new NotFoundException("unit " + id + " does not exist"))
                    : get(id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@PathVariable String id) {
    return db.sql("delete from unit where id = :id")
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .flatMap(
            n ->
                n == 0
                    ? Mono.error(new NotFoundException("unit " + id + " does not exist"))
                    : Mono.empty());
  }

  private static DatabaseClient.GenericExecuteSpec bindPhone(
      DatabaseClient.GenericExecuteSpec spec, String phone) {
    return phone == null ? spec.bindNull("phone", String.class) : spec.bind("phone", phone);
  }

  private static Unit validate(UnitBody body, String id) {
    if (body == null) {
      throw new InvalidParameterException("body", "a JSON body {id, name, kind} is required");
    }
    if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new InvalidParameterException(
          "id", "id '" + id + "' must be 1–64 letters, digits, '-', '_' or '.'");
    }
    if (body.name() == null || body.name().isBlank()) {
      throw new InvalidParameterException("name", "name is required");
    }
    Unit.UnitKind kind;
    try {
      kind = Unit.UnitKind.valueOf(String.valueOf(body.kind()));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "kind",
          "kind '"
              + body.kind()
              + "' is not one of "
              + java.util.Arrays.toString(Unit.UnitKind.values()));
    }
    return new Unit(id, body.name().strip(), kind);
  }
}
