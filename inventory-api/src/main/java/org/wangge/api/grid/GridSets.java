package org.wangge.api.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.wangge.api.WanggeProperties;
import org.wangge.api.component.ComponentRow;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.importing.SpatialUploads;
import org.wangge.api.web.ConflictException;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.topology.GridRecord;
import org.wangge.geo.topology.TopologyCheck;
import org.wangge.geo.topology.TopologyReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versioned grid sets: upload a grid file as a DRAFT, check its topology (VALIDATED or REJECTED),
 * activate a VALIDATED set atomically with every component re-assigned to the new unit grids. File
 * parsing, the topology check, index building and the re-assignment run on the bounded elastic
 * scheduler, never on an event-loop thread.
 */
@Service
class GridSets {

  private static final Logger log = LoggerFactory.getLogger(GridSets.class);

  /** Rows per INSERT/UPDATE statement (bound as arrays and expanded by {@code unnest}). */
  static final int BATCH = 5000;

  /** Pairs (old grid → new grid) kept in an activation report. */
  static final int TOP_MOVES = 100;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final GridStore gridStore;
  private final ComponentStore componentStore;
  private final String servedDistrict;
  private final GridFileOpener opener;
  private final TopologyCheck topology = TopologyCheck.create();

  @Autowired
  GridSets(
      DatabaseClient db,
      TransactionalOperator tx,
      GridStore gridStore,
      ComponentStore componentStore,
      WanggeProperties properties) {
    this(
        db,
        tx,
        gridStore,
        componentStore,
        properties,
        (file, name, options) ->
            SpatialUploads.open(file, name, options, properties.archiveLimits()));
  }

  GridSets(
      DatabaseClient db,
      TransactionalOperator tx,
      GridStore gridStore,
      ComponentStore componentStore,
      WanggeProperties properties,
      GridFileOpener opener) {
    this.db = db;
    this.tx = tx;
    this.gridStore = gridStore;
    this.componentStore = componentStore;
    this.servedDistrict = properties.district();
    this.opener = opener;
  }

  /** What an upload asks for; every hint is optional. */
  record UploadCommand(
      Path file,
      String fileName,
      String district,
      ReadOptions options,
      String levelHint,
      String user) {}

  // ---------------------------------------------------------------------------------- upload

  /** Reads the file completely, then stores the DRAFT set with its grids in one transaction. */
  Mono<ObjectNode> upload(UploadCommand c) {
    Mono<GridUpload> parsed =
        Mono.fromCallable(() -> read(c)).subscribeOn(Schedulers.boundedElastic());
    return db.sql("select code from district where code = :d")
        .bind("d", c.district())
        .map((row, meta) -> row.get("code", String.class))
        .one()
        .switchIfEmpty(
            Mono.error(
                new InvalidParameterException(
                    "district", "district " + c.district() + " is not known")))
        .then(parsed)
        .flatMap(upload -> store(c, upload).as(tx::transactional));
  }

  private GridUpload read(UploadCommand c) {
    try (FeatureReader reader = opener.open(c.file(), c.fileName(), c.options())) {
      GridUpload upload = GridUpload.read(reader, c.options().crs(), c.levelHint());
      if (upload.rows() == 0) {
        throw new InvalidParameterException(
            "file", c.fileName() + " holds no features; a grid file needs one feature per grid");
      }
      return upload;
    } catch (IOException e) {
      throw new InvalidParameterException("file", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("level", e.getMessage());
    }
  }

  private Mono<ObjectNode> store(UploadCommand c, GridUpload upload) {
    String source = "upload " + c.fileName() + " (" + upload.rows() + " features)";
    return db.sql("select code from district where code = :d for update")
        .bind("d", c.district())
        .fetch()
        .one()
        .then(
            db.sql(
                    "insert into grid_set (district_code, version, status, source, created_by,"
                        + " file_name, crs) select :d, coalesce(max(version), 0) + 1, 'DRAFT',"
                        + " :source, :user, :file, :crs from grid_set where district_code = :d"
                        + " returning id, version")
                .bind("d", c.district())
                .bind("source", source)
                .bind("user", c.user())
                .bind("file", c.fileName())
                .bind("crs", upload.crs().id())
                .map(
                    (row, meta) ->
                        new long[] {row.get("id", Long.class), row.get("version", Integer.class)})
                .one())
        .flatMap(
            idVersion ->
                insertGrids(idVersion[0], upload.grids())
                    .then(insertRecords(idVersion[0], upload.records()))
                    .then(
                        Mono.fromSupplier(
                            () -> {
                              ObjectNode out = CheckReports.JSON.createObjectNode();
                              out.put("id", idVersion[0]);
                              out.put("districtCode", c.district());
                              out.put("version", idVersion[1]);
                              out.put("status", "DRAFT");
                              out.put("fileName", c.fileName());
                              out.put("crs", upload.crs().id());
                              out.put("rows", upload.rows());
                              out.put("grids", upload.grids().size());
                              out.put("rejectedRows", upload.records().size());
                              ObjectNode levels = out.putObject("levels");
                              for (GridLevel l : GridLevel.values()) {
                                levels.put(
                                    l.name(),
                                    upload.grids().stream()
                                        .filter(r -> r.grid().level() == l)
                                        .count());
                              }
                              return out;
                            })));
  }

  private Mono<Void> insertGrids(long setId, List<GridUpload.Row> rows) {
    return Flux.fromIterable(chunks(rows))
        .concatMap(
            chunk -> {
              int n = chunk.size();
              String[] code = new String[n];
              String[] name = new String[n];
              String[] level = new String[n];
              String[] parent = new String[n];
              String[] unit = new String[n];
              String[] geom = new String[n];
              Double[] minLon = new Double[n];
              Double[] minLat = new Double[n];
              Double[] maxLon = new Double[n];
              Double[] maxLat = new Double[n];
              Long[] row = new Long[n];
              WKBWriter wkb = new WKBWriter();
              for (int i = 0; i < n; i++) {
                Grid g = chunk.get(i).grid();
                Geometry geometry = g.geometry();
                Envelope e = geometry.getEnvelopeInternal();
                code[i] = g.code().digits();
                name[i] = g.name();
                level[i] = g.level().name();
                parent[i] = g.parent() == null ? null : g.parent().digits();
                unit[i] = g.responsibleUnitId();
                geom[i] = HexFormat.of().formatHex(wkb.write(geometry));
                minLon[i] = e.getMinX();
                minLat[i] = e.getMinY();
                maxLon[i] = e.getMaxX();
                maxLat[i] = e.getMaxY();
                row[i] = chunk.get(i).row();
              }
              return db.sql(
                      "insert into grid (grid_set_id, code, name, level, parent_code,"
                          + " responsible_unit_id, geom, min_lon, min_lat, max_lon, max_lat,"
                          + " source_row) select :set, t.code, t.name, t.level, t.parent, t.unit,"
                          + " decode(t.geom, 'hex'), t.a, t.b, t.c, t.d, t.r from"
                          + " unnest(:code::text[], :name::text[], :level::text[],"
                          + " :parent::text[], :unit::text[], :geom::text[], :a::float8[],"
                          + " :b::float8[], :c::float8[], :d::float8[], :r::int8[])"
                          + " as t(code, name, level, parent, unit, geom, a, b, c, d, r)")
                  .bind("set", setId)
                  .bind("code", code)
                  .bind("name", name)
                  .bind("level", level)
                  .bind("parent", parent)
                  .bind("unit", unit)
                  .bind("geom", geom)
                  .bind("a", minLon)
                  .bind("b", minLat)
                  .bind("c", maxLon)
                  .bind("d", maxLat)
                  .bind("r", row)
                  .fetch()
                  .rowsUpdated();
            })
        .then();
  }

  private Mono<Void> insertRecords(long setId, List<GridUpload.Rejected> records) {
    return Flux.fromIterable(chunks(records))
        .concatMap(
            chunk -> {
              int n = chunk.size();
              Long[] row = new Long[n];
              String[] code = new String[n];
              String[] level = new String[n];
              String[] parent = new String[n];
              String[] geom = new String[n];
              String[] reason = new String[n];
              WKBWriter wkb = new WKBWriter();
              for (int i = 0; i < n; i++) {
                GridRecord r = chunk.get(i).record();
                Geometry g = r.geometry();
                row[i] = r.row();
                code[i] = r.codeText();
                level[i] = r.level() == null ? null : r.level().name();
                parent[i] = r.parentText();
                geom[i] = g == null ? null : HexFormat.of().formatHex(wkb.write(g));
                reason[i] = chunk.get(i).reason();
              }
              return db.sql(
                      "insert into grid_set_record (grid_set_id, source_row, code_text, level,"
                          + " parent_text, geom, reason) select :set, t.r, t.code, t.level,"
                          + " t.parent, decode(t.geom, 'hex'), t.reason from unnest(:r::int8[],"
                          + " :code::text[], :level::text[], :parent::text[], :geom::text[],"
                          + " :reason::text[]) as t(r, code, level, parent, geom, reason)")
                  .bind("set", setId)
                  .bind("r", row)
                  .bind("code", code)
                  .bind("level", level)
                  .bind("parent", parent)
                  .bind("geom", geom)
                  .bind("reason", reason)
                  .fetch()
                  .rowsUpdated();
            })
        .then();
  }

  // ----------------------------------------------------------------------------------- check

  /** Runs the topology check on every row of the set and stores the report. */
  Mono<ObjectNode> check(long id) {
    return header(id)
        .flatMap(
            set -> {
              if (set.status().equals("ACTIVE") || set.status().equals("RETIRED")) {
                return Mono.error(
                    new ConflictException(
                        "grid set " + id + " is " + set.status() + "; only a new set is checked"));
              }
              Mono<Optional<Geometry>> boundary =
                  db.sql("select boundary from district where code = :d")
                      .bind("d", set.district())
                      .map(
                          (row, meta) ->
                              Optional.ofNullable(wkb(row.get("boundary", ByteBuffer.class))))
                      .one();
              return Mono.zip(records(id), unreadable(id))
                  .flatMap(
                      rows ->
                          boundary
                              .defaultIfEmpty(Optional.empty())
                              .publishOn(Schedulers.boundedElastic())
                              .map(
                                  b -> {
                                    TopologyReport report =
                                        topology.check(List.of(), b.orElse(null), rows.getT1());
                                    log.info("grid set {}: {}", id, report);
                                    return CheckReports.stored(report, rows.getT2());
                                  }))
                  .flatMap(doc -> saveCheck(id, doc));
            });
  }

  private Mono<ObjectNode> saveCheck(long id, ObjectNode doc) {
    String status = doc.path("clean").asBoolean() ? "VALIDATED" : "REJECTED";
    ObjectNode report = CheckReports.JSON.createObjectNode();
    report.set("check", doc);
    return db.sql(
            "update grid_set set status = :s, report = :r::jsonb where id = :id"
                + " and status in ('DRAFT', 'VALIDATED', 'REJECTED')")
        .bind("s", status)
        .bind("r", report.toString())
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .flatMap(
            n ->
                n == 0
                    ? Mono.error(
                        new ConflictException(
                            "grid set " + id + " changed status while it was being checked"))
                    : Mono.just(CheckReports.json(id, status, doc)));
  }

  /** Every row of the set as a {@link GridRecord}, in file order. */
  private Mono<List<GridRecord>> records(long id) {
    Flux<GridRecord> grids =
        db.sql(
                "select code, level, parent_code, geom, source_row from grid"
                    + " where grid_set_id = :id")
            .bind("id", id)
            .map(
                (row, meta) ->
                    new GridRecord(
                        row.get("code", String.class),
                        wkb(row.get("geom", ByteBuffer.class)),
                        GridLevel.valueOf(row.get("level", String.class)),
                        row.get("parent_code", String.class),
                        row.get("source_row", Long.class) == null
                            ? 0
                            : row.get("source_row", Long.class)))
            .all();
    Flux<GridRecord> rejected =
        db.sql(
                "select code_text, level, parent_text, geom, source_row from grid_set_record"
                    + " where grid_set_id = :id")
            .bind("id", id)
            .map(
                (row, meta) -> {
                  String level = row.get("level", String.class);
                  return new GridRecord(
                      row.get("code_text", String.class),
                      wkb(row.get("geom", ByteBuffer.class)),
                      level == null ? null : GridLevel.valueOf(level),
                      row.get("parent_text", String.class),
                      row.get("source_row", Long.class));
                })
            .all();
    return grids
        .concatWith(rejected)
        .collectList()
        .map(
            list -> {
              List<GridRecord> sorted = new ArrayList<>(list);
              sorted.sort(Comparator.comparingLong(GridRecord::row));
              return sorted;
            });
  }

  private Mono<Map<Long, String>> unreadable(long id) {
    return db.sql(
            "select source_row, reason from grid_set_record where grid_set_id = :id"
                + " and reason is not null")
        .bind("id", id)
        .map(
            (row, meta) ->
                Map.entry(row.get("source_row", Long.class), row.get("reason", String.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  Mono<JsonNode> storedCheck(long id) {
    return db.sql("select status, report::text as report from grid_set where id = :id")
        .bind("id", id)
        .map(
            (row, meta) ->
                new String[] {row.get("status", String.class), row.get("report", String.class)})
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("grid set " + id + " does not exist")))
        .map(
            r -> {
              JsonNode check = r[1] == null ? null : CheckReports.JSON.readTree(r[1]).get("check");
              if (check == null || check.isNull()) {
                throw new NotFoundException(
                    "grid set "
                        + id
                        + " has no topology report yet; POST /api/grid-sets/"
                        + id
                        + "/check first");
              }
              ObjectNode out = CheckReports.JSON.createObjectNode();
              out.put("status", r[0]);
              out.set("check", check);
              return out;
            });
  }

  // -------------------------------------------------------------------------------- activate

  private record Header(long id, String district, int version, String status) {}

  private record Activated(GridStore.Active active, Reassignment moves, ObjectNode report) {}

  private record Columns(List<String> codes, double[] lons, double[] lats, List<String> grids) {}

  /**
   * In one transaction: the district's ACTIVE set becomes RETIRED, this VALIDATED set ACTIVE, and
   * every component whose unit grid differs under the new set gets its new {@code grid_code} (with
   * a history row). Writers of {@code component} wait for the commit (EXCLUSIVE lock; readers do
   * not). After the commit the in-memory grid index and component snapshot are swapped.
   */
  Mono<ObjectNode> activate(long id, String user) {
    long t0 = System.nanoTime();
    return db.sql(
            "select id, district_code, version, status from grid_set where id = :id for update")
        .bind("id", id)
        .map(
            (row, meta) ->
                new Header(
                    row.get("id", Long.class),
                    row.get("district_code", String.class),
                    row.get("version", Integer.class),
                    row.get("status", String.class)))
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("grid set " + id + " does not exist")))
        .flatMap(set -> activate(set, user, t0))
        .as(tx::transactional)
        .flatMap(this::swap);
  }

  private Mono<Activated> activate(Header set, String user, long t0) {
    if (!set.status().equals("VALIDATED")) {
      return Mono.error(
          new ConflictException(
              "grid set "
                  + set.id()
                  + " is "
                  + set.status()
                  + "; only a VALIDATED set can be activated (POST /api/grid-sets/"
                  + set.id()
                  + "/check, and fix every problem it reports)"));
    }
    long[] millis = new long[4];
    return gridStore
        .load(set.id())
        .publishOn(Schedulers.boundedElastic())
        .map(
            grids -> {
              long t = System.nanoTime();
              GridStore.Active active =
                  GridStore.Active.of(set.id(), set.version(), grids, GridIndex.build(grids));
              millis[0] = (System.nanoTime() - t) / 1_000_000;
              return active;
            })
        .flatMap(
            active -> {
              long t1 = System.nanoTime();
              return db.sql("lock table component in exclusive mode")
                  .then()
                  .then(components(set.district()))
                  .publishOn(Schedulers.boundedElastic())
                  .map(
                      cols -> {
                        long t2 = System.nanoTime();
                        millis[1] = (t2 - t1) / 1_000_000;
                        Reassignment r =
                            Reassignment.compute(
                                active.index(),
                                cols.codes(),
                                cols.lons(),
                                cols.lats(),
                                cols.grids());
                        millis[2] = (System.nanoTime() - t2) / 1_000_000;
                        return r;
                      })
                  .flatMap(
                      moves ->
                          retireAndActivate(set)
                              .flatMap(
                                  previous -> {
                                    long t3 = System.nanoTime();
                                    return writeMoves(set.id(), user, moves)
                                        .then(
                                            Mono.fromSupplier(
                                                () -> {
                                                  millis[3] = (System.nanoTime() - t3) / 1_000_000;
                                                  return report(
                                                      set, previous, user, moves, millis, t0);
                                                }))
                                        .flatMap(
                                            report ->
                                                db.sql(
                                                        "update grid_set set report ="
                                                            + " coalesce(report, '{}'::jsonb) ||"
                                                            + " jsonb_build_object('activation',"
                                                            + " :a::jsonb) where id = :id")
                                                    .bind("a", report.toString())
                                                    .bind("id", set.id())
                                                    .fetch()
                                                    .rowsUpdated()
                                                    .thenReturn(
                                                        new Activated(active, moves, report)));
                                  }));
            });
  }

  private Mono<Columns> components(String district) {
    return db.sql("select code, lon, lat, grid_code from component where district_code = :d")
        .bind("d", district)
        .map(
            (row, meta) ->
                new Object[] {
                  row.get("code", String.class),
                  row.get("lon", Double.class),
                  row.get("lat", Double.class),
                  row.get("grid_code", String.class)
                })
        .all()
        .collectList()
        .map(
            rows -> {
              int n = rows.size();
              List<String> codes = new ArrayList<>(n);
              List<String> grids = new ArrayList<>(n);
              double[] lons = new double[n];
              double[] lats = new double[n];
              for (int i = 0; i < n; i++) {
                Object[] r = rows.get(i);
                codes.add((String) r[0]);
                lons[i] = (Double) r[1];
                lats[i] = (Double) r[2];
                grids.add((String) r[3]);
              }
              return new Columns(codes, lons, lats, grids);
            });
  }

  /** Retires the district's ACTIVE set (its id and version, or none) and activates this one. */
  private Mono<long[]> retireAndActivate(Header set) {
    return db.sql(
            "update grid_set set status = 'RETIRED' where district_code = :d"
                + " and status = 'ACTIVE' returning id, version")
        .bind("d", set.district())
        .map(
            (row, meta) ->
                new long[] {row.get("id", Long.class), row.get("version", Integer.class)})
        .all()
        .collectList()
        .flatMap(
            retired ->
                db.sql(
                        "update grid_set set status = 'ACTIVE', activated_at = now()"
                            + " where id = :id and status = 'VALIDATED'")
                    .bind("id", set.id())
                    .fetch()
                    .rowsUpdated()
                    .flatMap(
                        n ->
                            n == 1
                                ? Mono.just(retired.isEmpty() ? new long[0] : retired.get(0))
                                : Mono.error(
                                    new ConflictException(
                                        "grid set " + set.id() + " is no longer VALIDATED"))));
  }

  private Mono<Void> writeMoves(long setId, String user, Reassignment moves) {
    int n = moves.changedCodes().size();
    List<int[]> ranges = new ArrayList<>();
    for (int from = 0; from < n; from += BATCH) {
      ranges.add(new int[] {from, Math.min(n, from + BATCH)});
    }
    return Flux.fromIterable(ranges)
        .concatMap(
            r ->
                db.sql(
                        "with v as (select * from unnest(:codes::text[], :olds::text[],"
                            + " :news::text[]) as v(code, old, new)), u as (update component c"
                            + " set grid_code = v.new, version = c.version + 1, updated_at ="
                            + " now() from v where c.code = v.code returning c.code, v.old,"
                            + " v.new) insert into component_history (component_code, change,"
                            + " detail, changed_by) select u.code, 'GRID_REASSIGNED',"
                            + " jsonb_build_object('from', u.old, 'to', u.new, 'gridSetId',"
                            + " :set::bigint), :user from u")
                    .bind("codes", moves.changedCodes().subList(r[0], r[1]).toArray(String[]::new))
                    .bind("olds", moves.changedFrom().subList(r[0], r[1]).toArray(String[]::new))
                    .bind("news", moves.changedTo().subList(r[0], r[1]).toArray(String[]::new))
                    .bind("set", setId)
                    .bind("user", user)
                    .fetch()
                    .rowsUpdated())
        .then();
  }

  private static ObjectNode report(
      Header set, long[] previous, String user, Reassignment moves, long[] millis, long t0) {
    ObjectNode out = CheckReports.JSON.createObjectNode();
    out.put("gridSetId", set.id());
    out.put("districtCode", set.district());
    out.put("version", set.version());
    if (previous.length == 0) {
      out.putNull("previousGridSetId");
      out.putNull("previousVersion");
    } else {
      out.put("previousGridSetId", previous[0]);
      out.put("previousVersion", previous[1]);
    }
    out.put("activatedAt", Instant.now().toString());
    out.put("activatedBy", user);
    ObjectNode c = out.putObject("components");
    c.put("total", moves.total());
    c.put("unchanged", moves.unchanged());
    c.put("moved", moves.moved());
    c.put("outside", moves.outside());
    out.put("movePairs", moves.pairs().size());
    ArrayNode top = out.putArray("moves");
    for (Reassignment.Pair p :
        moves.pairs().subList(0, Math.min(TOP_MOVES, moves.pairs().size()))) {
      top.addObject().put("from", p.from()).put("to", p.to()).put("count", p.count());
    }
    ObjectNode ms = out.putObject("millis");
    ms.put("buildIndex", millis[0]);
    ms.put("readComponents", millis[1]);
    ms.put("locate", millis[2]);
    ms.put("writeChanges", millis[3]);
    ms.put("total", (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** After the commit: swap the grid index and apply the moved components to the snapshot. */
  private Mono<ObjectNode> swap(Activated a) {
    if (!a.report().path("districtCode").asString("").equals(servedDistrict)) {
      return Mono.just(a.report());
    }
    gridStore.install(a.active());
    return Mono.fromCallable(
            () -> {
              ComponentStore.Snapshot s = componentStore.snapshot();
              List<ComponentRow> upserts = new ArrayList<>(a.moves().changedCodes().size());
              Map<String, String> to = new HashMap<>();
              for (int i = 0; i < a.moves().changedCodes().size(); i++) {
                to.put(a.moves().changedCodes().get(i), a.moves().changedTo().get(i));
              }
              for (var e : to.entrySet()) {
                ComponentRow r = s.byCode(e.getKey());
                if (r == null) {
                  return false;
                }
                upserts.add(r.withGridCode(e.getValue()));
              }
              componentStore.apply(upserts, List.of());
              return true;
            })
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            applied ->
                applied
                    ? Mono.just(a.report())
                    : componentStore.reload(servedDistrict).thenReturn(a.report()));
  }

  // ------------------------------------------------------------------------------- listings

  private static final String LISTING =
      "select s.id, s.district_code, s.version, s.status, s.file_name, s.crs, s.source,"
          + " s.created_by, s.created_at, s.activated_at,"
          + " (select count(*) from grid g where g.grid_set_id = s.id) as grids,"
          + " (select count(*) from grid g where g.grid_set_id = s.id and g.level = 'UNIT')"
          + " as unit_grids,"
          + " (select count(*) from grid_set_record r where r.grid_set_id = s.id) as rejected_rows,"
          + " (s.report -> 'check' ->> 'problemCount')::int as problems,"
          + " (s.report -> 'activation' -> 'components' ->> 'moved')::int as moved,"
          + " (s.report -> 'activation' -> 'components' ->> 'outside')::int as outside"
          + " from grid_set s";

  Mono<ArrayNode> list() {
    return db.sql(LISTING + " order by s.district_code, s.version desc")
        .map((row, meta) -> summary(row))
        .all()
        .collectList()
        .map(
            rows -> {
              ArrayNode out = CheckReports.JSON.createArrayNode();
              rows.forEach(out::add);
              return out;
            });
  }

  Mono<ObjectNode> get(long id) {
    return db.sql(LISTING + " where s.id = :id")
        .bind("id", id)
        .map((row, meta) -> summary(row))
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("grid set " + id + " does not exist")))
        .flatMap(
            s ->
                db.sql(
                        "select level, count(*) as n from grid where grid_set_id = :id group by level")
                    .bind("id", id)
                    .map(
                        (row, meta) ->
                            Map.entry(row.get("level", String.class), row.get("n", Long.class)))
                    .all()
                    .collectList()
                    .map(
                        levels -> {
                          ObjectNode byLevel = s.putObject("levels");
                          for (GridLevel l : GridLevel.values()) {
                            byLevel.put(
                                l.name(),
                                levels.stream()
                                    .filter(e -> e.getKey().equals(l.name()))
                                    .mapToLong(Map.Entry::getValue)
                                    .sum());
                          }
                          return s;
                        }));
  }

  private static ObjectNode summary(io.r2dbc.spi.Readable row) {
    ObjectNode o = CheckReports.JSON.createObjectNode();
    o.put("id", row.get("id", Long.class));
    o.put("districtCode", row.get("district_code", String.class));
    o.put("version", row.get("version", Integer.class));
    o.put("status", row.get("status", String.class));
    o.put("fileName", row.get("file_name", String.class));
    o.put("crs", row.get("crs", String.class));
    o.put("source", row.get("source", String.class));
    o.put("createdBy", row.get("created_by", String.class));
    Object created = row.get("created_at");
    Object activated = row.get("activated_at");
    o.put("createdAt", created == null ? null : created.toString());
    o.put("activatedAt", activated == null ? null : activated.toString());
    o.put("grids", row.get("grids", Long.class));
    o.put("unitGrids", row.get("unit_grids", Long.class));
    o.put("rejectedRows", row.get("rejected_rows", Long.class));
    o.put("problems", row.get("problems", Integer.class));
    o.put("moved", row.get("moved", Integer.class));
    o.put("outside", row.get("outside", Integer.class));
    return o;
  }

  // --------------------------------------------------------------------------------- helpers

  private Mono<Header> header(long id) {
    return db.sql("select id, district_code, version, status from grid_set where id = :id")
        .bind("id", id)
        .map(
            (row, meta) ->
                new Header(
                    row.get("id", Long.class),
                    row.get("district_code", String.class),
                    row.get("version", Integer.class),
                    row.get("status", String.class)))
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("grid set " + id + " does not exist")));
  }

  private static Geometry wkb(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    try {
      return new WKBReader().read(bytes);
    } catch (ParseException e) {
      throw new IllegalStateException("stored geometry is not WKB: " + e.getMessage(), e);
    }
  }

  private static <T> List<List<T>> chunks(List<T> list) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < list.size(); from += BATCH) {
      out.add(list.subList(from, Math.min(list.size(), from + BATCH)));
    }
    return out;
  }

  static Crs crs(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Crs.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("crs", e.getMessage());
    }
  }
}
