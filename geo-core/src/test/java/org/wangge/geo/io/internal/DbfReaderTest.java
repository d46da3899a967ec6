package org.wangge.geo.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wangge.geo.io.UnreadableFileException;

class DbfReaderTest {

  private static final Charset GBK = Charset.forName("GBK");

  @TempDir Path tmp;

  /** NAME C(10), CNT I(4), RATIO F(8,2), OK L(1), DAY D(8), NUM N(5,0); LDID as given. */
  private Path table(int ldid, byte[]... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int recordLength = 1 + 10 + 4 + 8 + 1 + 8 + 5;
    ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    header.put((byte) 3).put(new byte[] {126, 1, 1}).putInt(records.length);
    header.putShort((short) (32 + 6 * 32 + 1)).putShort((short) recordLength);
    header.position(29);
    header.put((byte) ldid);
    out.write(header.array());
    field(out, "名称", 'C', 10, 0); // a GBK field name
    field(out, "CNT", 'I', 4, 0);
    field(out, "RATIO", 'F', 8, 2);
    field(out, "OK", 'L', 1, 0);
    field(out, "DAY", 'D', 8, 0);
    field(out, "NUM", 'N', 5, 0);
    out.write(0x0D);
    for (byte[] record : records) {
      assertThat(record).hasSize(recordLength);
      out.write(record);
    }
    out.write(0x1A);
    Path file = tmp.resolve("t" + System.nanoTime() + ".dbf");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static void field(
      ByteArrayOutputStream out, String name, char type, int length, int decimals)
      throws Exception {
    byte[] descriptor = new byte[32];
    byte[] nameBytes = name.getBytes(GBK);
    System.arraycopy(nameBytes, 0, descriptor, 0, nameBytes.length);
    descriptor[11] = (byte) type;
    descriptor[16] = (byte) length;
    descriptor[17] = (byte) decimals;
    out.write(descriptor);
  }

  private static byte[] record(
      char flag, String name, int count, String ratio, char ok, String day, String num) {
    ByteBuffer b = ByteBuffer.allocate(37).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) flag);
    b.put(pad(name.getBytes(GBK), 10));
    b.putInt(count);
    b.put(pad(leftPad(ratio, 8).getBytes(StandardCharsets.US_ASCII), 8));
    b.put((byte) ok);
    b.put(pad(day.getBytes(StandardCharsets.US_ASCII), 8));
    b.put(pad(leftPad(num, 5).getBytes(StandardCharsets.US_ASCII), 5));
    return b.array();
  }

  private static String leftPad(String s, int n) {
    return " ".repeat(Math.max(0, n - s.length())) + s;
  }

  private static byte[] pad(byte[] bytes, int n) {
    byte[] padded = new byte[n];
    java.util.Arrays.fill(padded, (byte) ' ');
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return padded;
  }

  @Test
  void decodesEveryTypeAndSkipsNothingByItself() throws Exception {
    Path dbf =
        table(
            0x4D,
            record(' ', "井盖", -7, "12.50", 'T', "20240229", "42"),
            record('*', "删除", 1, "1", 'F', "20240101", "1"),
            record(' ', "", 0, "", '?', "        ", ""),
            record(' ', "坏日期", 3, "1.5", 'n', "20241301", "***"));
    try (DbfReader reader = DbfReader.open(dbf, null)) {
      assertThat(reader.fieldNames()).containsExactly("名称", "CNT", "RATIO", "OK", "DAY", "NUM");
      assertThat(reader.charset()).isEqualTo(GBK);
      assertThat(reader.recordCount()).isEqualTo(4);

      DbfReader.Record first = reader.next();
      assertThat(first.values())
          .containsExactly("井盖", -7L, 12.5, true, LocalDate.of(2024, 2, 29), 42L);
      assertThat(first.problem()).isNull();
      DbfReader.Record deleted = reader.next();
      assertThat(deleted.deleted()).isTrue();
      assertThat(deleted.number()).isEqualTo(2);
      assertThat(reader.next().values()).containsExactly(null, 0L, null, null, null, null);
      DbfReader.Record bad = reader.next();
      assertThat(bad.number()).isEqualTo(4);
      assertThat(bad.values()).containsExactly("坏日期", 3L, 1.5, false, null, null);
      assertThat(bad.problem()).isEqualTo("row 4: field DAY '20241301' is not a valid date");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void undeclaredMeansGbkAndTheCallerCanOverride() throws Exception {
    Path dbf = table(0, record(' ', "井盖", 1, "1", 'Y', "20240101", "1"));
    try (DbfReader reader = DbfReader.open(dbf, null)) {
      assertThat(reader.charset()).isEqualTo(GBK);
      assertThat(reader.next().values().get(0)).isEqualTo("井盖");
    }
    Path latin = table(0x57, record(' ', "井盖", 1, "1", 'Y', "20240101", "1"));
    try (DbfReader reader = DbfReader.open(latin, StandardCharsets.ISO_8859_1)) {
      assertThat(reader.next().values().get(0)).isNotEqualTo("井盖");
    }
  }

  @Test
  void truncatedTableReportsTheMissingRecord() throws Exception {
    Path dbf =
        table(
            0x4D,
            record(' ', "a", 1, "1", 'Y', "20240101", "1"),
            record(' ', "b", 2, "1", 'Y', "20240101", "1"));
    byte[] bytes = Files.readAllBytes(dbf);
    Files.write(dbf, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    try (DbfReader reader = DbfReader.open(dbf, null)) {
      assertThat(reader.next().problem()).isNull();
      assertThat(reader.next().problem()).contains("record 2").contains("truncated");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void brokenHeaderIsAFileError() throws Exception {
    Path dbf = tmp.resolve("short.dbf");
    Files.write(dbf, new byte[] {3, 1, 2});
    assertThatThrownBy(() -> DbfReader.open(dbf, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("short.dbf");
  }

  @Test
  void codePageNames() throws Exception {
    assertThat(DbfCodePages.forName("UTF-8", "x.cpg")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DbfCodePages.forName("65001", "x.cpg")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DbfCodePages.forName("CP936", "x.cpg")).isEqualTo(GBK);
    assertThat(DbfCodePages.forName(" 936\n", "x.cpg")).isEqualTo(GBK);
    assertThat(DbfCodePages.forName("GB2312", "x.cpg")).isEqualTo(GBK);
    assertThat(DbfCodePages.forName("ANSI 1252", "x.cpg").name()).isEqualTo("windows-1252");
    assertThat(DbfCodePages.forName("1251", "x.cpg").name()).isEqualTo("windows-1251");
    assertThat(DbfCodePages.forName("88591", "x.cpg")).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(DbfCodePages.forLdid(0x4D)).isEqualTo(GBK);
    assertThat(DbfCodePages.forLdid(0x7A)).isEqualTo(GBK);
    assertThat(DbfCodePages.forLdid(0x57)).isEqualTo(GBK);
    assertThat(DbfCodePages.forLdid(0x03).name()).isEqualTo("windows-1252");
    assertThat(DbfCodePages.forLdid(0)).isNull();
    assertThatThrownBy(() -> DbfCodePages.forName("99999", "a.cpg"))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("a.cpg declares the code page '99999'");
  }
}
