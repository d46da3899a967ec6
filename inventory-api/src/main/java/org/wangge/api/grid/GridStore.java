package org.wangge.api.grid;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The active grid set of the district held in memory as a {@link GridIndex}. Rebuilt from the
 * database at start and swapped atomically when a grid set is activated; readers always see one
 * whole set.
 */
@Component
public class GridStore {

  /** The active set: its database id, its index, every grid and their envelopes. */
  public record Active(
      long gridSetId,
      int version,
      GridIndex index,
      List<Grid> grids,
      Map<GridCode, Envelope> envelopes) {

    static Active of(long id, int version, List<Grid> grids) {
      return of(id, version, grids, GridIndex.build(grids));
    }

    /** With an index already built over {@code grids} (activation builds it before commit). */
    static Active of(long id, int version, List<Grid> grids, GridIndex index) {
      Map<GridCode, Envelope> envelopes = new HashMap<>();
      grids.forEach(g -> envelopes.put(g.code(), g.geometry().getEnvelopeInternal()));
      List<Grid> sorted = new ArrayList<>(grids);
      sorted.sort(Comparator.comparing(Grid::level).thenComparing(Grid::code));
      return new Active(id, version, index, List.copyOf(sorted), Map.copyOf(envelopes));
    }
  }

  public List<Grid> allGrids() {
    return active().grids();
  }

  public Envelope envelope(Grid g) {
    return active().envelopes().get(g.code());
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GridStore.class);

  private final DatabaseClient db;
  private final org.wangge.api.Database database;
  private final AtomicReference<Active> active = new AtomicReference<>();

  GridStore(DatabaseClient db, org.wangge.api.Database database) {
    this.db = db;
    this.database = database;
  }

  public Active active() {
    Active a = active.get();
    if (a == null) {
      throw new IllegalStateException("no active grid set is loaded yet");
    }
    return a;
  }

  public boolean isLoaded() {
    return active.get() != null;
  }

  /**
   * Loads the district's ACTIVE grid set and swaps it in; empty when the district has none. Reads
   * binary COPY through JDBC on a bounded worker, from the start-up snapshot file when that
   * provably matches the database ({@link org.wangge.api.StampedCopy}).
   */
  public Mono<Active> reload(String district) {
    return Mono.fromCallable(() -> read(database, district))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(Mono::justOrEmpty)
        .doOnNext(active::set);
  }

  /**
   * Reads the district's ACTIVE grid set from {@code database} and builds its index, without
   * installing it (empty when the district has none): start-up reads before this store exists, then
   * {@link #installActive}s. Blocking.
   */
  public static java.util.Optional<Active> read(org.wangge.api.Database database, String district)
      throws Exception {
    long t0 = System.nanoTime();
    String query =
        "select s.id, s.version, g.code, g.name, g.level, g.parent_code, g.responsible_unit_id,"
            + " g.geom from grid_set s left join grid g on g.grid_set_id = s.id"
            + " where s.status = 'ACTIVE' and s.district_code = '"
            + district.replace("'", "''")
            + "'";
    org.wangge.api.StampedCopy.Result<java.util.Optional<Rows>> read;
    try (var c = database.connect()) {
      read =
          org.wangge.api.StampedCopy.read(
              c, query, database.snapshotFile("grids-" + district), GridStore::active);
    }
    log.info(
        "read {} grids from the {} in {} ms",
        read.value().map(a -> a.grids().size()).orElse(0),
        read.fromFile() ? "snapshot file" : "database",
        (System.nanoTime() - t0) / 1_000_000);
    // the index is built after the read's transaction has ended
    return read.value().map(r -> Active.of(r.id(), r.version(), r.grids()));
  }

  /** The active set's rows as read. */
  private record Rows(long id, int version, List<Grid> grids) {}

  private static java.util.Optional<Rows> active(org.wangge.api.CopyBinaryReader r)
      throws java.io.IOException {
    WKBReader wkb = new WKBReader();
    List<Grid> grids = new ArrayList<>();
    long id = -1;
    int version = 0;
    int n;
    while ((n = r.nextRow()) >= 0) {
      if (n != 8) {
        throw new java.io.IOException("a grid row of " + n + " fields, not 8");
      }
      id = r.int8();
      version = r.int4();
      String code = r.text();
      String name = r.text();
      String level = r.sharedText();
      String parent = r.sharedText();
      String unit = r.sharedText();
      byte[] geom = r.bytea();
      if (code == null) {
        continue; // an active set without grids
      }
      try {
        grids.add(
            new Grid(
                GridCode.parse(code),
                name,
                GridLevel.valueOf(level),
                parent == null ? null : GridCode.parse(parent),
                wkb.read(geom),
                unit));
      } catch (ParseException e) {
        throw new IllegalStateException("grid geometry is not WKB: " + e.getMessage(), e);
      }
    }
    return id < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Rows(id, version, grids));
  }

  /** Installs a set {@link #read} at start-up. */
  public void installActive(Active read) {
    active.set(read);
  }

  /** Swaps in a set whose activation has committed. */
  void install(Active next) {
    active.set(next);
  }

  /** The grids of a grid set, decoded from WKB. */
  public Mono<List<Grid>> load(long gridSetId) {
    return db.sql(
            "select code, name, level, parent_code, responsible_unit_id, geom from grid"
                + " where grid_set_id = :id")
        .bind("id", gridSetId)
        .map(
            (row, meta) -> {
              WKBReader wkb = new WKBReader();
              try {
                ByteBuffer geom = row.get("geom", ByteBuffer.class);
                byte[] bytes = new byte[geom.remaining()];
                geom.get(bytes);
                String parent = row.get("parent_code", String.class);
                return new Grid(
                    GridCode.parse(row.get("code", String.class)),
                    row.get("name", String.class),
                    GridLevel.valueOf(row.get("level", String.class)),
                    parent == null ? null : GridCode.parse(parent),
                    wkb.read(bytes),
                    row.get("responsible_unit_id", String.class));
              } catch (ParseException e) {
                throw new IllegalStateException("grid geometry is not WKB: " + e.getMessage(), e);
              }
            })
        .all()
        .collectList()
        .map(ArrayList::new);
  }
}
