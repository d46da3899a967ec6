package org.wangge.api.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wangge.api.CopyBinaryReader;
import org.wangge.api.StampedCopy;
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

  private static final Logger log = LoggerFactory.getLogger(ComponentStore.class);

  /**
   * One view: rows by index id (in code order), the index, ids by code, and each row's GeoJSON once
   * encoded (see {@link FeatureBytes}). Rows never change; only the encoding cache fills in.
   */
  public record Snapshot(
      List<ComponentRow> rows, ComponentIndex index, CodeIds ids, FeatureBytes features) {

    public ComponentRow byCode(String code) {
      int id = ids.id(code);
      return id < 0 ? null : rows.get(id);
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
          CodeIds.of(List.of()),
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
   * Reads all components of the district and swaps the snapshot, on a bounded worker. Reads binary
   * COPY through JDBC (no text parsing of numbers and dates), from the start-up snapshot file when
   * that provably matches the database ({@link StampedCopy}): this read is what bounds start-up
   * with a full inventory.
   */
  public Mono<Snapshot> reload(String district) {
    return Mono.fromCallable(() -> read(database, district))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(snapshot::set);
  }

  /**
   * Reads all components of the district from {@code database} and builds a snapshot, without
   * publishing it: start-up reads before this store exists, then {@link #install(Snapshot)}s.
   * Blocking.
   */
  public static Snapshot read(org.wangge.api.Database database, String district) throws Exception {
    return build(readAll(database, district), null);
  }

  /** Publishes a snapshot {@link #read} at start-up. */
  public void install(Snapshot read) {
    snapshot.set(read);
  }

  private static final String COLUMNS =
      "select code, class_code, name, lon, lat, state, competent_dept_id, owner_id,"
          + " maintenance_unit_id, grid_code, or_date, ch_date from component";

  /**
   * All components of the district in code order ({@link CodeOrder}), read as binary COPY: from the
   * snapshot file when it provably matches the database, else from the database (which writes a new
   * file). The database sends them unsorted and they are sorted here: all codes share their first
   * digits, so PostgreSQL's abbreviated sort keys cannot help and its sort of 649,000 rows took
   * 1.5-3.5 s before the first row was sent, against ~0.2 s for {@link CodeOrder}.
   */
  private static CodeOrder.Sorted readAll(org.wangge.api.Database database, String district)
      throws Exception {
    long t0 = System.nanoTime();
    String query = COLUMNS + " where district_code = '" + district.replace("'", "''") + "'";
    StampedCopy.Result<List<ComponentRow>> read;
    try (var c = database.connect()) {
      read =
          StampedCopy.read(
              c, query, database.snapshotFile("components-" + district), ComponentStore::rows);
    }
    CodeOrder.Sorted rows = CodeOrder.sort(read.value());
    log.info(
        "read {} components from the {} in {} ms",
        rows.rows().size(),
        read.fromFile() ? "snapshot file" : "database",
        (System.nanoTime() - t0) / 1_000_000);
    return rows;
  }

  static List<ComponentRow> rows(CopyBinaryReader r) throws java.io.IOException {
    List<ComponentRow> rows = new ArrayList<>();
    int n;
    while ((n = r.nextRow()) >= 0) {
      if (n != 12) {
        throw new java.io.IOException("a component row of " + n + " fields, not 12");
      }
      rows.add(
          new ComponentRow(
              r.text(),
              r.sharedText(),
              r.sharedText(),
              r.float8(),
              r.float8(),
              r.sharedText(),
              r.sharedText(),
              r.sharedText(),
              r.sharedText(),
              r.sharedText(),
              r.date(),
              r.date()));
    }
    return rows;
  }

  /**
   * A snapshot of rows in code order, taking over the encoded features of {@code previous} that
   * hold (if any).
   */
  static Snapshot build(CodeOrder.Sorted sorted, Snapshot previous) {
    List<ComponentRow> rows = sorted.rows();
    double[] lons = new double[rows.size()];
    double[] lats = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      lons[i] = rows.get(i).lon();
      lats[i] = rows.get(i).lat();
    }
    List<ComponentRow> copy = List.copyOf(rows);
    return new Snapshot(
        copy,
        ComponentIndex.build(lons, lats),
        sorted.ids(),
        previous == null ? new FeatureBytes(copy) : new FeatureBytes(copy, previous.features()));
  }

  /** Applies committed upserts and deletes to a new snapshot. */
  public synchronized Snapshot apply(List<ComponentRow> upserts, List<String> deletes) {
    Snapshot next = merge(snapshot.get(), upserts, deletes, null);
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
    return prepare(upserts, null);
  }

  /**
   * As {@link #prepare(List)}, with the keys of the upserts' codes in their order, made while they
   * were read (see {@link CodeOrder.Keys}; null when there are none): a first load then only sorts
   * them. The keys are used up.
   */
  public Pending prepare(List<ComponentRow> upserts, CodeOrder.Keys keys) {
    Snapshot base = snapshot.get();
    if (!base.rows().isEmpty() && allPresent(base, upserts)) {
      return new Pending(base, base, upserts);
    }
    return new Pending(base, merge(base, upserts, List.of(), keys), upserts);
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

  /**
   * The usual write, an edit that adds no code, removes none and moves no component (a state, a
   * name, a unit, a date): every row keeps its id, so the new snapshot shares the index and the ids
   * by code with {@code current} and replaces only the edited rows, instead of sorting, indexing
   * and mapping all 649,000 components of a district again. Null when that does not hold.
   */
  private static Snapshot inPlace(
      Snapshot current, List<ComponentRow> upserts, List<String> deletes) {
    if (!deletes.isEmpty() || upserts.isEmpty()) {
      return null;
    }
    ComponentRow[] rows = null;
    for (ComponentRow row : upserts) {
      int id = current.ids().id(row.code());
      if (id < 0) {
        return null;
      }
      ComponentRow old = current.rows().get(id);
      if (Double.compare(old.lon(), row.lon()) != 0 || Double.compare(old.lat(), row.lat()) != 0) {
        return null;
      }
      if (rows == null) {
        rows = current.rows().toArray(new ComponentRow[0]);
      }
      rows[id] = row;
    }
    // the array is this snapshot's own: wrapped, not copied again (List.of checks every element
    // for null on the way, a quarter of an edit's CPU in a profile)
    List<ComponentRow> copy = java.util.Collections.unmodifiableList(java.util.Arrays.asList(rows));
    return new Snapshot(
        copy, current.index(), current.ids(), new FeatureBytes(copy, current.features()));
  }

  private static Snapshot merge(
      Snapshot current, List<ComponentRow> upserts, List<String> deletes, CodeOrder.Keys keys) {
    if (current.rows().isEmpty() && deletes.isEmpty()) {
      // a first load: nothing to merge with
      return build(keys == null ? CodeOrder.sort(upserts) : CodeOrder.sort(upserts, keys), null);
    }
    Snapshot inPlace = inPlace(current, upserts, deletes);
    if (inPlace != null) {
      return inPlace;
    }
    Map<String, ComponentRow> merged = new HashMap<>(current.ids().size() * 2);
    for (ComponentRow row : current.rows()) {
      merged.put(row.code(), row);
    }
    for (ComponentRow row : upserts) {
      merged.put(row.code(), row);
    }
    for (String code : deletes) {
      merged.remove(code);
    }
    return build(CodeOrder.sort(new ArrayList<>(merged.values())), current);
  }
}
