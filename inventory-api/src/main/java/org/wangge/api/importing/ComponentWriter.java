package org.wangge.api.importing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes an import in one transaction: COPY into a staging table, then one merge (insert or update
 * by code, leaving identical rows untouched) that also writes the history; or, for the first load
 * of an empty district, COPY straight into the inventory. Any failure rolls everything back, so a
 * failed job leaves the inventory exactly as it was.
 */
final class ComponentWriter {

  /** Counts of one committed import. */
  record Written(long inserted, long updated, long copied) {}

  private static final String MERGE_COLUMNS =
      "class_code, name, lon, lat, state, competent_dept_id, competent_dept_name, owner_id,"
          + " owner_name, maintenance_unit_id, maintenance_unit_name, grid_code, bgid_reported,"
          + " or_date, ch_date, data_source, note";

  private final ConnectionFactory connections;

  ComponentWriter(ConnectionFactory connections) {
    this.connections = connections;
  }

  /**
   * @param rows COPY text rows in {@link ImportedComponent#COPY_COLUMNS} order, as chunks
   * @param rejections COPY text rows for {@code import_rejection}
   * @param direct the district had no components: skip staging and merge
   */
  Mono<Written> write(
      UUID job, Publisher<String> rows, Supplier<String> rejections, boolean direct, String user) {
    return Mono.usingWhen(
        Mono.from(connections.create()),
        conn -> {
          PostgresqlConnection pg = unwrap(conn);
          Mono<Void> begin = Mono.from(conn.beginTransaction());
          Mono<Written> work =
              direct
                  ? pg.copyIn(
                          "copy component (" + ImportedComponent.COPY_COLUMNS + ") from stdin",
                          bytes(rows))
                      .flatMap(
                          n ->
                              update(
                                      conn,
                                      "insert into component_history (component_code, change,"
                                          + " state, changed_by, import_job_id) select code,"
                                          + " 'IMPORTED', state, $1, $2 from component where"
                                          + " district_code = (select district_code from"
                                          + " import_job where id = $2)",
                                      user,
                                      job)
                                  .thenReturn(new Written(n, 0, n)))
                  : update(
                          conn,
                          "create temp table staging (like component including defaults) on commit"
                              + " drop")
                      .then(
                          pg.copyIn(
                              "copy staging (" + ImportedComponent.COPY_COLUMNS + ") from stdin",
                              bytes(rows)))
                      .flatMap(
                          copied ->
                              Flux.from(
                                      conn.createStatement(mergeSql())
                                          .bind("$1", user)
                                          .bind("$2", job)
                                          .execute())
                                  .flatMap(
                                      r ->
                                          r.map(
                                              (row, meta) ->
                                                  new long[] {
                                                    row.get(0, Long.class), row.get(1, Long.class)
                                                  }))
                                  .next()
                                  .map(c -> new Written(c[0], c[1], copied)));
          return begin
              .then(work)
              .flatMap(
                  written ->
                      pg.copyIn(
                              "copy import_rejection (job_id, row_number, code, field, reason)"
                                  + " from stdin",
                              bytes(Mono.fromSupplier(rejections)))
                          .thenReturn(written))
              .flatMap(written -> Mono.from(conn.commitTransaction()).thenReturn(written));
        },
        conn -> Mono.from(conn.close()),
        (conn, error) -> Mono.from(conn.rollbackTransaction()).then(Mono.from(conn.close())),
        conn -> Mono.from(conn.rollbackTransaction()).then(Mono.from(conn.close())));
  }

  /** Insert or update by code; rows identical to the stored ones are left alone (unchanged). */
  private static String mergeSql() {
    StringBuilder set = new StringBuilder();
    StringBuilder current = new StringBuilder();
    StringBuilder incoming = new StringBuilder();
    for (String col : MERGE_COLUMNS.split(",\\s*")) {
      set.append(set.length() == 0 ? "" : ", ").append(col).append(" = excluded.").append(col);
      current.append(current.length() == 0 ? "" : ", ").append("component.").append(col);
      incoming.append(incoming.length() == 0 ? "" : ", ").append("excluded.").append(col);
    }
    return "with upserted as (insert into component ("
        + ImportedComponent.COPY_COLUMNS
        + ") select "
        + ImportedComponent.COPY_COLUMNS
        + " from staging on conflict (code) do update set "
        + set
        + ", version = component.version + 1, updated_at = now() where ("
        + current
        + ") is distinct from ("
        + incoming
        + ") returning code, state, (xmax = 0) as inserted),"
        + " history as (insert into component_history (component_code, change, state,"
        + " changed_by, import_job_id) select code, case when inserted then 'IMPORTED' else"
        + " 'UPDATED' end, state, $1, $2 from upserted)"
        + " select count(*) filter (where inserted), count(*) filter (where not inserted)"
        + " from upserted";
  }

  private static Mono<Long> update(Connection conn, String sql, Object... args) {
    var statement = conn.createStatement(sql);
    for (int i = 0; i < args.length; i++) {
      statement.bind("$" + (i + 1), args[i]);
    }
    return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
  }

  private static Flux<ByteBuf> bytes(Publisher<String> chunks) {
    return Flux.from(chunks)
        .filter(s -> !s.isEmpty())
        .map(s -> Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8)));
  }

  static PostgresqlConnection unwrap(Connection conn) {
    Object c = conn;
    while (!(c instanceof PostgresqlConnection) && c instanceof Wrapped<?> w) {
      c = w.unwrap();
    }
    if (c instanceof PostgresqlConnection pg) {
      return pg;
    }
    throw new IllegalStateException("COPY needs a PostgreSQL R2DBC connection, not " + conn);
  }

  static List<String> columns() {
    return List.of(ImportedComponent.COPY_COLUMNS.split(",\\s*"));
  }
}
