package org.wangge.api.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

  /**
   * One view: rows by index id, the index, ids by code, and each row's GeoJSON once encoded (see
   * {@link FeatureBytes}). Rows never change; only the encoding cache fills in.
   */
  public record Snapshot(
      List<ComponentRow> rows,
      ComponentIndex index,
      Map<String, Integer> byCode,
      FeatureBytes features) {

    public ComponentRow byCode(String code) {
      Integer id = byCode.get(code);
      return id == null ? null : rows.get(id);
    }

    /** The component as a GeoJSON Feature in UTF-8 (a copy of the bytes box queries send). */
    public byte[] featureJson(int id) {
      return features.feature(id);
    }
  }

  private static final Snapshot EMPTY =
      new Snapshot(
          List.of(),
          ComponentIndex.build(new double[0], new double[0]),
          Map.of(),
          new FeatureBytes(List.of()));

  private final org.wangge.api.Database database;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(EMPTY);

  ComponentStore(org.wangge.api.Database database) {
    this.database = database;
  }

  public Snapshot snapshot() {
    return snapshot.get();
  }

  /**
   * Reads all components of the district from the database and swaps the snapshot. Reads through
   * JDBC with a large fetch size on a bounded worker: it streams 649,000 rows about twice as fast
   * as the R2DBC row mapping, which is what bounds start-up with a full inventory.
   */
  public Mono<Snapshot> reload(String district) {
    return Mono.fromCallable(() -> build(readAll(district)))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(snapshot::set);
  }

  private List<ComponentRow> readAll(String district) throws java.sql.SQLException {
    List<ComponentRow> rows = new ArrayList<>();
    try (var c = database.connect()) {
      c.setAutoCommit(false); // a cursor, so the fetch size applies
      try (var st = c.createStatement()) {
        // sorting 649,000 rows by code spilled to disk with the default 4 MB (1.7 s vs 0.9 s)
        st.execute("set local work_mem = '256MB'");
      }
      Map<String, String> shared = new HashMap<>();
      try (var ps =
          c.prepareStatement(
              "select code, class_code, name, lon, lat, state, competent_dept_id, owner_id,"
                  + " maintenance_unit_id, grid_code, or_date, ch_date from component"
                  + " where district_code = ? order by code")) {
        ps.setString(1, district);
        ps.setFetchSize(20_000);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            java.sql.Date or = rs.getDate(11);
            java.sql.Date ch = rs.getDate(12);
            rows.add(
                new ComponentRow(
                    rs.getString(1),
                    share(shared, rs.getString(2)),
                    share(shared, rs.getString(3)),
                    rs.getDouble(4),
                    rs.getDouble(5),
                    share(shared, rs.getString(6)),
                    share(shared, rs.getString(7)),
                    share(shared, rs.getString(8)),
                    share(shared, rs.getString(9)),
                    rs.getString(10),
                    or == null ? null : or.toLocalDate(),
                    ch == null ? null : ch.toLocalDate()));
          }
        }
      }
    }
    return rows;
  }

  /** One instance per distinct value (classes, names, states, units repeat across rows). */
  private static String share(Map<String, String> shared, String s) {
    if (s == null) {
      return null;
    }
    String known = shared.putIfAbsent(s, s);
    return known == null ? s : known;
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
    List<ComponentRow> copy = List.copyOf(rows);
    return new Snapshot(
        copy,
        ComponentIndex.build(lons, lats),
        java.util.Collections.unmodifiableMap(byCode),
        new FeatureBytes(copy));
  }

  /** Applies committed upserts and deletes to a new snapshot. */
  public synchronized Snapshot apply(List<ComponentRow> upserts, List<String> deletes) {
    Snapshot next = merge(snapshot.get(), upserts, deletes);
    snapshot.set(next);
    return next;
  }

  /** A snapshot built ahead of a commit on top of {@code base}; see {@link #install}. */
  public record Pending(Snapshot base, Snapshot next, List<ComponentRow> upserts) {}

  /**
   * Builds the snapshot that upserting these rows will give, without publishing it: an import
   * builds it while its transaction commits, then {@link #install}s it. When every row is already
   * in the current snapshot as it is (a re-import that changes nothing), that snapshot is the next
   * one and nothing is rebuilt. Thread-safe.
   */
  public Pending prepare(List<ComponentRow> upserts) {
    Snapshot base = snapshot.get();
    if (!base.rows().isEmpty() && allPresent(base, upserts)) {
      return new Pending(base, base, upserts);
    }
    return new Pending(base, merge(base, upserts, List.of()), upserts);
  }

  private static boolean allPresent(Snapshot base, List<ComponentRow> upserts) {
    for (ComponentRow row : upserts) {
      if (!row.equals(base.byCode(row.code()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Publishes a prepared snapshot once its rows have committed; when another write was published
   * since it was prepared, merges again on top of that one instead.
   */
  public synchronized Snapshot install(Pending pending) {
    if (snapshot.compareAndSet(pending.base(), pending.next())) {
      return pending.next();
    }
    return apply(pending.upserts(), List.of());
  }

  private static Snapshot merge(
      Snapshot current, List<ComponentRow> upserts, List<String> deletes) {
    if (current.rows().isEmpty() && deletes.isEmpty()) {
      // a first load: nothing to merge with
      return build(CodeOrder.sorted(upserts));
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
    return build(CodeOrder.sorted(new ArrayList<>(merged.values())));
  }
}
