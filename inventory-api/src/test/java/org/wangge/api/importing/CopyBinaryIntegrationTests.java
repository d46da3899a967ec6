package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.wangge.api.CopyBytes;
import org.wangge.api.TestDatabases;

/**
 * The binary COPY rows of an import store exactly what the text rows stored before them: both are
 * COPYed into tables like {@code component} on the real PostgreSQL and compared by every column's
 * text output (which for a double is its exact value, -0 and NaN included).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyBinaryIntegrationTests {

  private String url;
  private String user;
  private String password;

  @BeforeAll
  void database() {
    Map<String, Object> props = new LinkedHashMap<>();
    TestDatabases.register((name, value) -> props.put(name, value.get()));
    url = String.valueOf(props.get("wangge.jdbc-url"));
    user = String.valueOf(props.get("spring.r2dbc.username"));
    password = String.valueOf(props.get("spring.r2dbc.password"));
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** The text row the import sent before the binary format (the reference). */
  private static void appendTextRow(CopyBytes out, ImportedComponent r, String district, UUID job) {
    out.text(r.code())
        .text(district)
        .text(r.classCode())
        .text(r.name())
        .number(r.lon())
        .number(r.lat())
        .text(r.state())
        .text(r.competentDeptId())
        .text(r.competentDeptName())
        .text(r.ownerId())
        .text(r.ownerName())
        .text(r.maintenanceUnitId())
        .text(r.maintenanceUnitName())
        .text(r.gridCode())
        .text(r.bgidReported())
        .date(r.surveyed())
        .date(r.changed())
        .text(r.dataSource())
        .text(r.note())
        .ascii(job.toString())
        .endRow();
  }

  private static List<ImportedComponent> rows() {
    String[] names = {
      "电力井盖",
      "吴江区供电公司 \"引号\" 'single'",
      "tab\there, line\nbreak\r and back\\slash \\N \\.",
      "\\.",
      "",
      "emoji 😀 pair, é ß ø",
      "lone \uD800 surrogate",
      null
    };
    double[] coords = {
      120.35748552,
      30.91256097,
      -0.0,
      0.0,
      180,
      -180,
      90,
      -90,
      1e-300,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      0.1 + 0.2,
      Math.nextUp(120.6),
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    LocalDate[] dates = {
      LocalDate.of(1900, 1, 1),
      LocalDate.now().plusDays(1),
      LocalDate.of(2000, 1, 1),
      LocalDate.of(1999, 12, 31),
      LocalDate.of(2024, 2, 29),
      LocalDate.of(1, 1, 1),
      LocalDate.of(999, 12, 31),
      LocalDate.of(9999, 12, 31),
      null
    };
    List<ImportedComponent> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = names[i % names.length];
      rows.add(
          new ImportedComponent(
              i + 1,
              String.format("32050901010%06d", i),
              "0101",
              name,
              coords[i % coords.length],
              coords[(i + 3) % coords.length],
              i % 2 == 0 ? "INTACT" : "DAMAGED",
              i % 3 == 0 ? null : "U-320509-POWER",
              names[(i + 1) % (names.length - 1)],
              name,
              i % 5 == 0 ? null : "吴江区水务局",
              null,
              name,
              i % 4 == 0 ? null : "320509104001010",
              i % 6 == 0 ? null : "320509104001" + String.format("%03d", i % 1000),
              dates[i % dates.length],
              dates[(i + 4) % dates.length],
              i % 2 == 0 ? "实测" : null,
              names[(i + 2) % names.length]));
    }
    return rows;
  }

  @Test
  void binaryRowsStoreWhatTheTextRowsStored() throws Exception {
    List<ImportedComponent> rows = rows();
    UUID job = UUID.randomUUID();
    CopyBytes text = new CopyBytes(64);
    List<byte[]> binary = new ArrayList<>();
    CopyBinary encoded = new CopyBinary(64);
    for (ImportedComponent r : rows) {
      appendTextRow(text, r, "320509", job);
      r.appendCopyRow(encoded, "320509", job);
      if (encoded.size() > 3000) {
        binary.add(encoded.take()); // rows across several pieces, as the import hands them over
      }
    }
    binary.add(encoded.take());
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("create table by_text (like component including defaults)");
      s.execute("create table by_binary (like component including defaults)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      byte[] textBytes = text.take();
      assertThat(
              copy.copyIn(
                  "copy by_text (" + ImportedComponent.COPY_COLUMNS + ") from stdin",
                  new java.io.ByteArrayInputStream(textBytes)))
          .isEqualTo(rows.size());
      java.util.Iterator<byte[]> pieces = binary.iterator();
      assertThat(
              ComponentWriter.copyBinary(
                  copy,
                  "copy by_binary (" + ImportedComponent.COPY_COLUMNS + ") from stdin",
                  () -> pieces.hasNext() ? pieces.next() : null))
          .isEqualTo(rows.size());

      String columns = ImportedComponent.COPY_COLUMNS;
      assertThat(count(s, "select count(*) from by_binary")).isEqualTo(rows.size());
      // every column's text output, row for row; nothing in one table that is not in the other
      String asText = "select (" + columns.replace(",", "::text,") + "::text) from ";
      assertThat(count(s, asText + "by_text except all " + asText + "by_binary")).isZero();
      assertThat(count(s, asText + "by_binary except all " + asText + "by_text")).isZero();
      // the same UTF-8 loop is in both encoders, so their agreement cannot catch a bug they
      // share: the texts read back must also be what the JDK's own UTF-8 encoder makes of them
      // (it writes a lone surrogate as '?', as ours do)
      try (var rs = s.executeQuery("select code, name, note from by_binary")) {
        Map<String, ImportedComponent> byCode = new HashMap<>();
        rows.forEach(r -> byCode.put(r.code(), r));
        int read = 0;
        while (rs.next()) {
          ImportedComponent r = byCode.get(rs.getString(1));
          assertThat(rs.getString(2)).isEqualTo(viaJdkUtf8(r.name()));
          assertThat(rs.getString(3)).isEqualTo(viaJdkUtf8(r.note()));
          read++;
        }
        assertThat(read).isEqualTo(rows.size());
      }
      // and the cases the comparison must cover are there
      assertThat(count(s, "select count(*) from by_binary where name like '%\"引号\"%'"))
          .isPositive();
      assertThat(count(s, "select count(*) from by_binary where name = E'\\\\.'")).isPositive();
      assertThat(count(s, "select count(*) from by_binary where lon::text = '-0'")).isPositive();
      assertThat(count(s, "select count(*) from by_binary where lat = 'NaN'")).isPositive();
      assertThat(count(s, "select count(*) from by_binary where or_date = '0001-01-01'"))
          .isPositive();
      assertThat(count(s, "select count(*) from by_binary where note is null")).isPositive();
      assertThat(
              count(
                  s,
                  "select count(distinct import_job_id) from by_binary where import_job_id = '"
                      + job
                      + "'"))
          .isEqualTo(1);
    }
  }

  private static String viaJdkUtf8(String v) {
    return v == null
        ? null
        : new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  @Test
  void aValueTheColumnRefusesFailsTheCopyAsTheTextDid() throws Exception {
    ImportedComponent tooLong =
        rows().get(0).withCode("3205090101000000001"); // 19 characters, the column holds 17
    CopyBinary encoded = new CopyBinary(64);
    tooLong.appendCopyRow(encoded, "320509", UUID.randomUUID());
    byte[] row = encoded.take();
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      boolean[] given = {false};
      assertThatThrownBy(
              () ->
                  ComponentWriter.copyBinary(
                      copy,
                      "copy component (" + ImportedComponent.COPY_COLUMNS + ") from stdin",
                      () -> {
                        if (given[0]) {
                          return null;
                        }
                        given[0] = true;
                        return row;
                      }))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("character varying(17)");
    }
  }

  @Test
  void yearsTheTextFormCouldNotCarryAreRefused() {
    CopyBinary encoded = new CopyBinary(8);
    assertThatThrownBy(() -> encoded.date(LocalDate.of(0, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> encoded.date(LocalDate.of(10000, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(encoded.size()).isZero();
  }

  private static long count(Statement s, String sql) throws SQLException {
    if (!sql.startsWith("select count")) {
      sql = "select count(*) from (" + sql + ") x";
    }
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
