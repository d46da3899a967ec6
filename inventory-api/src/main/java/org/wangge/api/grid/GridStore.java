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

  private final DatabaseClient db;
  private final AtomicReference<Active> active = new AtomicReference<>();

  GridStore(DatabaseClient db) {
    this.db = db;
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

  /** Loads the district's ACTIVE grid set and swaps it in; empty when the district has none. */
  public Mono<Active> reload(String district) {
    return db.sql("select id, version from grid_set where district_code = :d and status = 'ACTIVE'")
        .bind("d", district)
        .map(
            (row, meta) ->
                new long[] {row.get("id", Long.class), row.get("version", Integer.class)})
        .one()
        .flatMap(
            idVersion ->
                load(idVersion[0])
                    .publishOn(Schedulers.boundedElastic())
                    .map(grids -> Active.of(idVersion[0], (int) idVersion[1], grids)))
        .doOnNext(active::set);
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
