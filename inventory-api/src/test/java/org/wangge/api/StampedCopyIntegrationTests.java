package org.wangge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up snapshot is used only while it provably matches the database: a committed write, a
 * damaged file or another database each make the next read go to the database, and the rows are
 * then the database's.
 */
class StampedCopyIntegrationTests {

  private static final String QUERY =
      "select code, name, lon, or_date from component where district_code = '320509'"
          + " order by code";

  @TempDir Path dir;
  private Database db;
  private Path file;

  record Row(String code, String name, double lon, LocalDate surveyed) {}

  private static Database newDatabase() {
    Map<String, Object> props = new LinkedHashMap<>();
    TestDatabases.register((name, value) -> props.put(name, value.get()));
    MockEnvironment env = new MockEnvironment();
    props.forEach((k, v) -> env.setProperty(k, String.valueOf(v)));
    Database db = new Database(env);
    db.migrate();
    return db;
  }

  @BeforeEach
  void setUp() throws SQLException {
    db = newDatabase();
    file = dir.resolve("components.pgcopy");
    exec(
        db,
        "insert into district (code, name) values ('320509', 'Wujiang')",
        "insert into component (code, district_code, class_code, name, lon, lat, state,"
            + " competent_dept_name, or_date) select '3205090101' || lpad(i::text, 7, '0'),"
            + " '320509', '01010', case when i % 3 = 0 then null else '井盖 ' || (i % 5) end,"
            + " 120.6 + i * 1e-5, 31.1, 'INTACT', 'dept', date '2024-03-01' + (i % 40)"
            + " from generate_series(1, 5000) i");
  }

  private static void exec(Database db, String... sql) throws SQLException {
    try (Connection c = db.connect();
        var st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private StampedCopy.Result<List<Row>> read(Database from) throws Exception {
    try (Connection c = from.connect()) {
      return StampedCopy.read(c, QUERY, file, StampedCopyIntegrationTests::rows);
    }
  }

  private static List<Row> rows(CopyBinaryReader r) throws IOException {
    List<Row> rows = new ArrayList<>();
    while (r.nextRow() >= 0) {
      rows.add(new Row(r.text(), r.sharedText(), r.float8(), r.date()));
    }
    return rows;
  }

  /** The rows as plain JDBC reads them, to compare with. */
  private List<Row> expected() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = db.connect();
        var rs = c.createStatement().executeQuery(QUERY)) {
      while (rs.next()) {
        java.sql.Date d = rs.getDate(4);
        rows.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getDouble(3),
                d == null ? null : d.toLocalDate()));
      }
    }
    return rows;
  }

  @Test
  void theFileIsUsedOnlyUntilTheNextCommittedWrite() throws Exception {
    var first = read(db);
    assertThat(first.fromFile()).isFalse();
    assertThat(first.value()).hasSize(5000).isEqualTo(expected());
    assertThat(first.value().get(2).name()).isNull();
    assertThat(first.value().get(0).surveyed()).isEqualTo(LocalDate.of(2024, 3, 2));
    assertThat(file).exists();

    var second = read(db);
    assertThat(second.fromFile()).isTrue();
    assertThat(second.value()).isEqualTo(first.value());

    exec(db, "update component set name = '改过' where code = '32050901010000001'");
    var third = read(db);
    assertThat(third.fromFile()).isFalse();
    assertThat(third.value().get(0).name()).isEqualTo("改过");
    assertThat(third.value()).isEqualTo(expected());
    assertThat(read(db).fromFile()).isTrue();

    exec(db, "delete from component where code = '32050901010000002'");
    assertThat(read(db).value()).hasSize(4999).isEqualTo(expected());

    // a grid-set write changes the stamp too
    read(db);
    exec(db, "insert into grid_set (district_code, version, status) values ('320509', 1, 'DRAFT')");
    assertThat(read(db).fromFile()).isFalse();
  }

  @Test
  void aWriteNotYetCommittedIsNotInTheFileAndCountsOnceItCommits() throws Exception {
    read(db);
    try (Connection writer = db.connect()) {
      writer.setAutoCommit(false);
      writer.createStatement().execute("update component set lon = 0 where code like '%1'");
      // the reader does not see the uncommitted change: the file is still exact
      var during = read(db);
      assertThat(during.fromFile()).isTrue();
      assertThat(during.value()).isEqualTo(expected());
      writer.commit();
    }
    var after = read(db);
    assertThat(after.fromFile()).isFalse();
    assertThat(after.value()).isEqualTo(expected());
    assertThat(after.value().get(0).lon()).isZero();
  }

  @Test
  void aDamagedOrMissingFileFallsBackToTheDatabase() throws Exception {
    read(db);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 100] ^= 0x10; // one bit in the payload
    Files.write(file, bytes);
    var damaged = read(db);
    assertThat(damaged.fromFile()).isFalse();
    assertThat(damaged.value()).isEqualTo(expected());
    // the read rewrote it
    assertThat(read(db).fromFile()).isTrue();

    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 5_000));
    var cut = read(db);
    assertThat(cut.fromFile()).isFalse();
    assertThat(cut.value()).isEqualTo(expected());

    Files.write(file, "not a snapshot".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(read(db).fromFile()).isFalse();

    Files.delete(file);
    var missing = read(db);
    assertThat(missing.fromFile()).isFalse();
    assertThat(missing.value()).isEqualTo(expected());
  }

  @Test
  void anotherDatabaseNeverUsesThisDatabasesFile() throws Exception {
    read(db);
    Database other = newDatabase();
    exec(other, "insert into district (code, name) values ('320509', 'Wujiang')");
    var fromOther = read(other);
    assertThat(fromOther.fromFile()).isFalse();
    assertThat(fromOther.value()).isEmpty();
    // and the file is now the other database's: this one reads its own rows again
    var back = read(db);
    assertThat(back.fromFile()).isFalse();
    assertThat(back.value()).hasSize(5000);
  }

  @Test
  void withoutAFileEveryReadGoesToTheDatabase() throws Exception {
    try (Connection c = db.connect()) {
      var r = StampedCopy.read(c, QUERY, null, StampedCopyIntegrationTests::rows);
      assertThat(r.fromFile()).isFalse();
      assertThat(r.value()).isEqualTo(expected());
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(
            new Database(
                    new MockEnvironment()
                        .withProperty("spring.r2dbc.url", "r2dbc:postgresql://h/d"))
                .snapshotFile("components-320509"))
        .as("snapshots are off by default")
        .isNull();
  }

  @Test
  void aChangedQueryDoesNotUseTheFile() throws Exception {
    read(db);
    try (Connection c = db.connect()) {
      var r =
          StampedCopy.read(
              c,
              QUERY.replace("order by code", "order by code desc"),
              file,
              StampedCopyIntegrationTests::rows);
      assertThat(r.fromFile()).isFalse();
      assertThat(r.value().get(0).code()).isEqualTo("32050901010005000");
    }
  }
}
