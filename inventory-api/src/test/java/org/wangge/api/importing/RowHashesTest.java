package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowHashesTest {

  private static ImportedComponent row(Object... changed) {
    Object[] v = {
      1L,
      "3205090101000001",
      "0101",
      "上水井盖",
      120.45,
      30.85,
      "完好",
      "D01",
      "供水公司",
      "O01",
      "吴江水务",
      "M01",
      "松陵养护队",
      "320509001001001",
      null,
      LocalDate.of(2024, 5, 1),
      LocalDate.of(2025, 1, 2),
      "survey",
      ""
    };
    for (int i = 0; i < changed.length; i += 2) {
      v[(Integer) changed[i]] = changed[i + 1];
    }
    return new ImportedComponent(
        (Long) v[0],
        (String) v[1],
        (String) v[2],
        (String) v[3],
        (Double) v[4],
        (Double) v[5],
        (String) v[6],
        (String) v[7],
        (String) v[8],
        (String) v[9],
        (String) v[10],
        (String) v[11],
        (String) v[12],
        (String) v[13],
        (String) v[14],
        (LocalDate) v[15],
        (LocalDate) v[16],
        (String) v[17],
        (String) v[18]);
  }

  /** The hash of a row as an import computes it, from its encoded bytes without the job's. */
  private static long hash(ImportedComponent row) {
    return hash(row, UUID.randomUUID());
  }

  private static long hash(ImportedComponent row, UUID job) {
    CopyBinary out = new CopyBinary(16);
    out.text("a row before"); // the row's own bytes count, not their place in the buffer
    int start = out.size();
    row.appendCopyRow(out, "320509", job);
    return out.hash(start, out.size() - ImportedComponent.JOB_FIELD_BYTES);
  }

  @Test
  void theJobIsTheLastFieldOfARowAndNotHashed() {
    UUID job = UUID.randomUUID();
    CopyBinary out = new CopyBinary(16);
    row().appendCopyRow(out, "320509", job);
    byte[] bytes = out.take();
    java.nio.ByteBuffer tail =
        java.nio.ByteBuffer.wrap(bytes, bytes.length - ImportedComponent.JOB_FIELD_BYTES, 20);
    assertThat(tail.getInt()).isEqualTo(16);
    assertThat(new UUID(tail.getLong(), tail.getLong())).isEqualTo(job);
    assertThat(hash(row(), job)).isEqualTo(hash(row(), UUID.randomUUID()));
  }

  @Test
  void equalRowsHashAlikeWhateverTheirRowNumber() {
    assertThat(hash(row())).isEqualTo(hash(row(0, 99L)));
    assertThat(hash(row(3, new String("上水井盖")))).isEqualTo(hash(row()));
  }

  @Test
  void everyWrittenColumnChangesTheHash() {
    Set<Long> hashes = new HashSet<>();
    hashes.add(hash(row()));
    Object[][] changes = {
      {2, "0102"},
      {3, "上水井"},
      {4, Math.nextUp(120.45)},
      {5, 30.851},
      {6, "破损"},
      {7, "D02"},
      {8, "供水"},
      {9, null},
      {10, "吴江水务 "},
      {11, "M1"},
      {12, "养护队"},
      {13, "320509001001002"},
      {14, ""},
      {15, null},
      {16, LocalDate.of(2025, 1, 3)},
      {17, "Survey"},
      {18, null},
      {18, "备注"},
      {18, "备注 "},
      // a value moved to the next column
      {7, "D01供水公司", 8, ""}
    };
    for (Object[] change : changes) {
      assertThat(hashes.add(hash(row(change)))).as("changing column %s", change[0]).isTrue();
    }
  }

  @Test
  void holdsWhatWasPutThroughGrowthAndCopiesApart() {
    RowHashes hashes = new RowHashes(4);
    Map<Long, Long> reference = new HashMap<>();
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      long code = 3205090101000000L + random.nextInt(150_000);
      long hash = random.nextLong();
      hashes.put(code, hash);
      reference.put(code, hash);
    }
    assertThat(hashes.size()).isEqualTo(reference.size());
    reference.forEach(
        (code, hash) -> {
          assertThat(hashes.holds(code, hash)).isTrue();
          assertThat(hashes.holds(code, hash + 1)).isFalse();
        });
    assertThat(hashes.holds(3205090101999999L, 0)).isFalse();
    assertThat(hashes.holds(-1, 0)).isFalse();

    RowHashes copy = hashes.copy();
    copy.put(3205090101000001L, 7);
    copy.put(3205090102000001L, 8);
    assertThat(copy.holds(3205090101000001L, 7)).isTrue();
    assertThat(hashes.holds(3205090101000001L, 7)).isFalse();
    assertThat(hashes.holds(3205090102000001L, 8)).isFalse();
  }

  @Test
  void codeValuesOnlyOfDecimalDigits() {
    assertThat(RowHashes.codeValue("3205090101000001")).isEqualTo(3205090101000001L);
    assertThat(RowHashes.codeValue("32050901010000012")).isEqualTo(32050901010000012L);
    assertThat(RowHashes.codeValue("32050901O1000001")).isEqualTo(-1);
    assertThat(RowHashes.codeValue("")).isEqualTo(-1);
    assertThat(RowHashes.codeValue(null)).isEqualTo(-1);
    assertThat(RowHashes.codeValue("1234567890123456789")).isEqualTo(-1);
  }
}
