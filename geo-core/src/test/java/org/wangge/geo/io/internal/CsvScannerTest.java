package org.wangge.geo.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvScannerTest {

  private static final String[] NAMES = {"电力井盖", "上水井盖", "通讯井盖", "行道树", "立杆", "路灯", "消防栓"};
  private static final String[] UNITS = {"吴江区供电公司", "吴江区水务局", "中国电信吴江区分公司"};

  /**
   * Rows whose columns repeat a few values (names, units, one constant), have more distinct values
   * than a column remembers (codes, coordinates), alternate between two, or are quoted, empty or
   * padded: every value read back equals the one written, in UTF-8 and GBK, read in small pieces.
   */
  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "GBK"})
  void valuesReadBackAsWritten(String charsetName) throws IOException {
    Charset charset = Charset.forName(charsetName);
    Random random = new Random(7);
    List<List<String>> rows = new ArrayList<>();
    StringBuilder csv = new StringBuilder();
    for (int r = 0; r < 3_000; r++) {
      List<String> row = new ArrayList<>();
      row.add(NAMES[random.nextInt(NAMES.length)]);
      row.add(Integer.toString(3205090 + r * 7)); // distinct in every row
      row.add(r % 2 == 0 ? "完好" : "破损");
      row.add(UNITS[random.nextInt(UNITS.length)] + (random.nextInt(400) == 0 ? "（新）" : ""));
      row.add(random.nextInt(5) == 0 ? null : "实测");
      row.add(String.format("%.8f", 120 + random.nextDouble()));
      row.add(" " + NAMES[random.nextInt(3)]); // white space is kept by the scanner
      row.add("路" + random.nextInt(600)); // more distinct values than a column keeps
      rows.add(row);
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        csv.append(i == 0 ? "" : ",");
        if (v != null && i == 3 && r % 3 == 0) {
          csv.append('"').append(v).append('"'); // quoted now and then
        } else if (v != null) {
          csv.append(v);
        }
      }
      csv.append(r % 2 == 0 ? "\n" : "\r\n");
    }
    CsvScanner scanner = new CsvScanner(inPieces(csv.toString().getBytes(charset)), charset);
    List<Object> out = new ArrayList<>();
    for (List<String> expected : rows) {
      assertThat(scanner.next(out)).isTrue();
      assertThat(out).containsExactlyElementsOf(expected);
    }
    assertThat(scanner.next(out)).isFalse();
  }

  @Test
  void aRepeatedValueComesBackAsOneString() throws IOException {
    byte[] csv = "电力井盖,1\n上水井盖,2\n电力井盖,3\n上水井盖,4\n".getBytes(StandardCharsets.UTF_8);
    CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
    List<Object> values = new ArrayList<>();
    List<Object> firstColumn = new ArrayList<>();
    while (scanner.next(values)) {
      firstColumn.add(values.get(0));
    }
    assertThat(firstColumn).containsExactly("电力井盖", "上水井盖", "电力井盖", "上水井盖");
    assertThat(firstColumn.get(2)).isSameAs(firstColumn.get(0));
    assertThat(firstColumn.get(3)).isSameAs(firstColumn.get(1));
  }

  @Test
  void aColumnKeepsUpToItsLimitOfDistinctValues() {
    CsvScanner.ColumnValues values = new CsvScanner.ColumnValues();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < CsvScanner.ColumnValues.LIMIT; i++) {
      byte[] b = ("值" + i).getBytes(StandardCharsets.UTF_8);
      String s = values.find(b, 0, b.length, StandardCharsets.UTF_8);
      assertThat(s).isEqualTo("值" + i);
      kept.add(s);
    }
    for (int i = 0; i < CsvScanner.ColumnValues.LIMIT; i++) {
      byte[] b = ("x值" + i + "y").getBytes(StandardCharsets.UTF_8);
      // the value in the middle of a larger buffer is found as the same string
      assertThat(values.find(b, 1, b.length - 1, StandardCharsets.UTF_8)).isSameAs(kept.get(i));
    }
    assertThat(values.full).isFalse();
    byte[] more = "值 one more".getBytes(StandardCharsets.UTF_8);
    assertThat(values.find(more, 0, more.length, StandardCharsets.UTF_8)).isNull();
    assertThat(values.full).isTrue();
  }

  /** Hands out at most 7 bytes per read, as a stream still arriving may. */
  private static InputStream inPieces(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }
}
