package org.wangge.api.component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
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
import org.wangge.api.WanggeProperties;
import org.wangge.api.grid.GridStore;
import org.wangge.api.web.ConflictException;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import org.wangge.api.web.Params;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.index.GridIndex;
import reactor.core.publisher.Mono;

/**
 * Components. Read by every role: {@code GET /api/components/nearest?lon=&lat=&k=}, {@code GET
 * /api/components/{code}} (the ID card), and the box query {@code GET /api/components?bbox=…}
 * ({@link ComponentList}, a functional endpoint). Written by ADMIN and SURVEYOR: {@code POST},
 * {@code PUT /{code}}, {@code DELETE /{code}}.
 */
@RestController
@RequestMapping(value = "/api/components", produces = MediaType.APPLICATION_JSON_VALUE)
class ComponentController {

  record ComponentBody(
      String code,
      String name,
      Double lon,
      Double lat,
      String state,
      String competentDeptId,
      String competentDeptName,
      String ownerId,
      String ownerName,
      String maintenanceUnitId,
      String maintenanceUnitName,
      String note) {}

  private static final Map<String, Class<?>> NULL_TYPES =
      Map.of(
          "lon", Double.class, "lat", Double.class, "or", LocalDate.class, "ch", LocalDate.class);

  /**
   * The ID card's location, in both systems. Records, not maps, so that the keys come in the same
   * order in every response ({@code Map.of} iterates in an order that changes from one JVM to the
   * next).
   */
  record Location(Cgcs2000 cgcs2000, GaussKruger gaussKruger) {}

  record Cgcs2000(double lon, double lat) {}

  record GaussKruger(String crs, double x, double y) {}

  private static final ClassCatalogue CATALOGUE = ClassCatalogue.standard();
  private static final Crs GAUSS_KRUGER_3 = Crs.epsg(4549);

  private final ComponentStore store;
  private final GridStore grids;
  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final String district;

  ComponentController(
      ComponentStore store,
      GridStore grids,
      DatabaseClient db,
      TransactionalOperator tx,
      WanggeProperties properties) {
    this.store = store;
    this.grids = grids;
    this.db = db;
    this.tx = tx;
    this.district = properties.district();
  }

  @GetMapping("/nearest")
  String nearest(
      @RequestParam(required = false) String lon,
      @RequestParam(required = false) String lat,
      @RequestParam(required = false) String k) {
    double x = Params.lon("lon", lon);
    double y = Params.lat("lat", lat);
    int count = Params.intIn("k", k, 10, 1, 1000);
    ComponentStore.Snapshot s = store.snapshot();
    int[] ids = s.index().nearest(x, y, count);
    StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < ids.length; i++) {
      ComponentRow r = s.rows().get(ids[i]);
      double d = org.wangge.geo.index.ComponentIndex.distanceMeters(x, y, r.lon(), r.lat());
      ComponentJson.feature(sb.append(i == 0 ? "" : ","), r, d);
    }
    return sb.append("]}").toString();
  }

  /** The component's ID card: everything known about it, with its history. */
  @GetMapping("/{code}")
  Mono<Map<String, Object>> idCard(@PathVariable String code) {
    return db.sql("select * from component where code = :c")
        .bind("c", code)
        .fetch()
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("component " + code + " does not exist")))
        .flatMap(
            row ->
                db.sql(
                        "select changed_at, change, state, changed_by, import_job_id from"
                            + " component_history where component_code = :c order by id")
                    .bind("c", code)
                    .fetch()
                    .all()
                    .collectList()
                    .map(history -> card(row, history)));
  }

  private Map<String, Object> card(Map<String, Object> row, List<Map<String, Object>> history) {
    double lon = ((Number) row.get("lon")).doubleValue();
    double lat = ((Number) row.get("lat")).doubleValue();
    var gk = CoordinateTransforms.fromLonLat(new LonLat(lon, lat), GAUSS_KRUGER_3);
    String classCode = (String) row.get("class_code");
    var cls = CATALOGUE.component(org.wangge.geo.codes.ClassCode.parse(classCode));
    Map<String, Object> card = new java.util.LinkedHashMap<>();
    card.put("code", row.get("code"));
    card.put("name", row.get("name"));
    card.put("classCode", classCode);
    card.put("className", cls.map(c -> c.zhName()).orElse(null));
    card.put("classNameEn", cls.map(c -> c.enName()).orElse(null));
    card.put(
        "location",
        new Location(
            new Cgcs2000(lon, lat), new GaussKruger("EPSG:4549", round3(gk.x()), round3(gk.y()))));
    card.put("gridCode", row.get("grid_code"));
    card.put("reportedBgid", row.get("bgid_reported"));
    card.put(
        "competentDepartment", unit(row.get("competent_dept_id"), row.get("competent_dept_name")));
    card.put("owner", unit(row.get("owner_id"), row.get("owner_name")));
    card.put(
        "maintenanceUnit", unit(row.get("maintenance_unit_id"), row.get("maintenance_unit_name")));
    String state = (String) row.get("state");
    card.put("state", state);
    card.put("stateZh", ComponentState.valueOf(state).zhName());
    card.put("surveyed", row.get("or_date"));
    card.put("changed", row.get("ch_date"));
    card.put("dataSource", row.get("data_source"));
    card.put("note", row.get("note"));
    card.put("updatedAt", row.get("updated_at"));
    card.put("history", history);
    return card;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Map<String, Object> unit(Object id, Object name) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    return m;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<Map<String, Object>> create(@RequestBody ComponentBody body) {
    ComponentRow row = validate(body, body == null ? null : body.code());
    return db.sql("select 1 from component where code = :c")
        .bind("c", row.code())
        .fetch()
        .one()
        .flatMap(
            x ->
                Mono.<Map<String, Object>>error(
                    new ConflictException("component " + row.code() + " exists already")))
        .switchIfEmpty(write(row, body, true).then(idCard(row.code())));
  }

  @PutMapping("/{code}")
  Mono<Map<String, Object>> update(@PathVariable String code, @RequestBody ComponentBody body) {
    if (body != null && body.code() != null && !body.code().equals(code)) {
      throw new InvalidParameterException(
          "code", "code '" + body.code() + "' differs from the URL's " + code);
    }
    ComponentRow row = validate(body, code);
    if (store.snapshot().byCode(code) == null) {
      return Mono.error(new NotFoundException("component " + code + " does not exist"));
    }
    return write(row, body, false).then(idCard(code));
  }

  @DeleteMapping("/{code}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@PathVariable String code) {
    return db.sql("delete from device where component_code = :c")
        .bind("c", code)
        .then()
        .then(db.sql("delete from component where code = :c").bind("c", code).fetch().rowsUpdated())
        .flatMap(
            n ->
                n == 0
                    ? Mono.<Long>error(
                        new NotFoundException("component " + code + " does not exist"))
                    : db.sql(
                            "insert into component_history (component_code, change) values (:c,"
                                + " 'DELETED')")
                        .bind("c", code)
                        .fetch()
                        .rowsUpdated())
        .as(tx::transactional)
        .doOnSuccess(n -> store.apply(List.of(), List.of(code)))
        .then();
  }

  private Mono<Void> write(ComponentRow row, ComponentBody body, boolean insert) {
    String sql =
        insert
            ? "insert into component (code, district_code, class_code, name, lon, lat, state,"
                + " competent_dept_id, competent_dept_name, owner_id, owner_name,"
                + " maintenance_unit_id, maintenance_unit_name, grid_code, or_date, ch_date,"
                + " data_source, note) values (:code, :district, :class, :name, :lon, :lat,"
                + " :state, :cdi, :cdn, :oi, :on, :mi, :mn, :grid, :or, :ch, 'API', :note)"
            : "update component set name = :name, lon = :lon, lat = :lat, state = :state,"
                + " competent_dept_id = :cdi, competent_dept_name = :cdn, owner_id = :oi,"
                + " owner_name = :on, maintenance_unit_id = :mi, maintenance_unit_name = :mn,"
                + " grid_code = :grid, ch_date = :ch, note = :note, version = version + 1,"
                + " updated_at = now() where code = :code returning or_date";
    var spec = db.sql(sql);
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("code", row.code());
    values.put("district", district);
    values.put("class", row.classCode());
    values.put("name", row.name());
    values.put("lon", row.lon());
    values.put("lat", row.lat());
    values.put("state", row.state());
    values.put("cdi", body.competentDeptId());
    values.put("cdn", body.competentDeptName());
    values.put("oi", body.ownerId());
    values.put("on", body.ownerName());
    values.put("mi", body.maintenanceUnitId());
    values.put("mn", body.maintenanceUnitName());
    values.put("grid", row.gridCode());
    values.put("or", LocalDate.now());
    values.put("ch", LocalDate.now());
    values.put("note", body.note());
    var names = java.util.regex.Pattern.compile(":(\\w+)").matcher(sql);
    while (names.find()) {
      String name = names.group(1);
      Object value = values.get(name);
      spec =
          value == null
              ? spec.bindNull(name, NULL_TYPES.getOrDefault(name, String.class))
              : spec.bind(name, value);
    }
    // an edit keeps the survey date (or_date) the database holds; the in-memory row takes it from
    // there, so that it stays the row a reload would read
    Mono<ComponentRow> written =
        insert
            ? spec.fetch().rowsUpdated().thenReturn(row)
            : spec.map(r -> Optional.ofNullable(r.get("or_date", LocalDate.class)))
                .one()
                .map(surveyed -> row.withSurveyed(surveyed.orElse(null)));
    return written
        .flatMap(
            w ->
                db.sql(
                        "insert into component_history (component_code, change, state) values"
                            + " (:c, :change, :state)")
                    .bind("c", row.code())
                    .bind("change", insert ? "CREATED" : "UPDATED")
                    .bind("state", row.state())
                    .fetch()
                    .rowsUpdated()
                    .thenReturn(w))
        .as(tx::transactional)
        .doOnSuccess(w -> store.apply(List.of(w), List.of()))
        .then();
  }

  private ComponentRow validate(ComponentBody body, String code) {
    if (body == null) {
      throw new InvalidParameterException("body", "a JSON body is required");
    }
    ComponentCode parsed;
    try {
      parsed = ComponentCode.parse(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("code", e.getMessage());
    }
    if (!parsed.county().equals(district)) {
      throw new InvalidParameterException(
          "code", "code " + code + " belongs to county " + parsed.county() + ", not " + district);
    }
    if (!CATALOGUE.isKnownComponent(parsed)) {
      throw new InvalidParameterException(
          "code", "class " + parsed.classCode() + " of code " + code + " is not in the catalogue");
    }
    if (body.lon() == null || body.lat() == null) {
      throw new InvalidParameterException(
          body.lon() == null ? "lon" : "lat", "lon and lat are required");
    }
    LonLat p;
    try {
      p = new LonLat(body.lon(), body.lat()).requireInChina();
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("lon", e.getMessage());
    }
    String state;
    try {
      state = ComponentState.parse(body.state() == null ? "INTACT" : body.state()).name();
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("state", e.getMessage());
    }
    if (body.competentDeptName() == null || body.competentDeptName().isBlank()) {
      throw new InvalidParameterException(
          "competentDeptName", "the competent department (主管部门) is required");
    }
    GridIndex index = grids.active().index();
    int at = index.locateIndex(p.lon(), p.lat());
    String grid = at == GridIndex.NONE ? null : index.unitGrids().get(at).code().digits();
    return new ComponentRow(
        parsed.digits(),
        parsed.classCode().code(),
        body.name(),
        p.lon(),
        p.lat(),
        state,
        body.competentDeptId(),
        body.ownerId(),
        body.maintenanceUnitId(),
        grid,
        LocalDate.now(),
        LocalDate.now());
  }
}
