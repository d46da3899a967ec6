package org.wangge.api.component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.wangge.geo.index.ComponentIndex;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every component of the district in memory, with a {@link ComponentIndex} over their positions:
 * box, radius and nearest queries are answered here without touching the database. Rebuilt from the
 * database at start and after each committed write (copy on write: readers keep the snapshot they
 * started with).
 */
@Component
public class ComponentStore {

  /** One immutable view: rows by index id, the index, and ids by code. */
  public record Snapshot(
      List<ComponentRow> rows, ComponentIndex index, Map<String, Integer> byCode) {

    public ComponentRow byCode(String code) {
      Integer id = byCode.get(code);
      return id == null ? null : rows.get(id);
    }
  }

  private static final Snapshot EMPTY =
      new Snapshot(List.of(), ComponentIndex.build(new double[0], new double[0]), Map.of());

  private final DatabaseClient db;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(EMPTY);

  ComponentStore(DatabaseClient db) {
    this.db = db;
  }

  public Snapshot snapshot() {
    return snapshot.get();
  }

  /** Reads all components of the district from the database and swaps the snapshot. */
  public Mono<Snapshot> reload(String district) {
    return db.sql(
            "select code, class_code, name, lon, lat, state, competent_dept_id, owner_id,"
                + " maintenance_unit_id, grid_code, or_date, ch_date from component"
                + " where district_code = :d order by code")
        .bind("d", district)
        .map(
            (row, meta) ->
                new ComponentRow(
                    row.get("code", String.class),
                    row.get("class_code", String.class),
                    row.get("name", String.class),
                    row.get("lon", Double.class),
                    row.get("lat", Double.class),
                    row.get("state", String.class),
                    intern(row.get("competent_dept_id", String.class)),
                    intern(row.get("owner_id", String.class)),
                    intern(row.get("maintenance_unit_id", String.class)),
                    row.get("grid_code", String.class),
                    row.get("or_date", LocalDate.class),
                    row.get("ch_date", LocalDate.class)))
        .all()
        .collectList()
        .publishOn(Schedulers.boundedElastic())
        .map(ComponentStore::build)
        .doOnNext(snapshot::set);
  }

  private static String intern(String s) {
    return s == null ? null : s.intern();
  }

  static Snapshot build(List<ComponentRow> rows) {
    double[] lons = new double[rows.size()];
    double[] lats = new double[rows.size()];
    Map<String, Integer> byCode = new HashMap<>(rows.size() * 2);
    for (int i = 0; i < rows.size(); i++) {
      lons[i] = rows.get(i).lon();
      lats[i] = rows.get(i).lat();
      byCode.put(rows.get(i).code(), i);
    }
    return new Snapshot(List.copyOf(rows), ComponentIndex.build(lons, lats), Map.copyOf(byCode));
  }

  /** Applies committed upserts and deletes to a new snapshot. */
  public synchronized Snapshot apply(List<ComponentRow> upserts, List<String> deletes) {
    Snapshot current = snapshot.get();
    if (current.rows().isEmpty() && deletes.isEmpty()) {
      // a first load: nothing to merge with
      List<ComponentRow> rows = new ArrayList<>(upserts);
      rows.sort((a, b) -> a.code().compareTo(b.code()));
      Snapshot next = build(rows);
      snapshot.set(next);
      return next;
    }
    Map<String, ComponentRow> merged = new HashMap<>(current.byCode().size() * 2);
    for (ComponentRow row : current.rows()) {
      merged.put(row.code(), row);
    }
    for (ComponentRow row : upserts) {
      merged.put(row.code(), row);
    }
    for (String code : deletes) {
      merged.remove(code);
    }
    List<ComponentRow> rows = new ArrayList<>(merged.values());
    rows.sort((a, b) -> a.code().compareTo(b.code()));
    Snapshot next = build(rows);
    snapshot.set(next);
    return next;
  }

  /** Ids in a box, ascending. */
  public int[] bbox(Snapshot s, double minLon, double minLat, double maxLon, double maxLat) {
    int[] ids = s.index().bbox(minLon, minLat, maxLon, maxLat);
    Arrays.sort(ids);
    return ids;
  }
}
