package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;

class ReadAheadTest {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    THREADS.shutdownNow();
  }

  /** Rows 1..count, then the end or, if {@code failAfter}, an unreadable-file failure. */
  private static final class Counting implements FeatureReader {
    final int count;
    final boolean failAfter;
    final AtomicBoolean closed = new AtomicBoolean();
    int row;

    Counting(int count, boolean failAfter) {
      this.count = count;
      this.failAfter = failAfter;
    }

    @Override
    public List<String> fieldNames() {
      return List.of("n");
    }

    @Override
    public Optional<Crs> declaredCrs() {
      return Optional.of(Crs.CGCS2000);
    }

    @Override
    public SourceFeature next() throws IOException {
      if (row == count) {
        if (failAfter) {
          throw new UnreadableFileException("broken after row " + row);
        }
        return null;
      }
      row++;
      return SourceFeature.ok(row, null, List.of(row));
    }

    @Override
    public String describe() {
      return "counting";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static List<Long> rows(FeatureReader reader) throws IOException {
    List<Long> rows = new ArrayList<>();
    SourceFeature f;
    while ((f = reader.next()) != null) {
      rows.add(f.row());
    }
    return rows;
  }

  @Test
  void handsOutEveryFeatureInFileOrder() throws IOException {
    Counting source = new Counting(5000, false);
    try (ReadAhead reader = new ReadAhead(source, THREADS)) {
      assertThat(reader.fieldNames()).containsExactly("n");
      assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
      List<Long> rows = rows(reader);
      assertThat(rows).hasSize(5000);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i)).isEqualTo(i + 1L);
      }
      assertThat(reader.next()).isNull();
    }
    assertThat(source.closed).isTrue();
  }

  @Test
  void aFailureComesAfterTheFeaturesReadBeforeIt() throws IOException {
    try (ReadAhead reader = new ReadAhead(new Counting(2500, true), THREADS)) {
      for (long i = 1; i <= 2500; i++) {
        assertThat(reader.next().row()).isEqualTo(i);
      }
      assertThatThrownBy(reader::next)
          .isInstanceOf(UnreadableFileException.class)
          .hasMessage("broken after row 2500");
    }
  }

  @Test
  void closingEarlyStopsTheParsingThreadAndClosesTheFile() throws IOException {
    Counting source = new Counting(1_000_000, false);
    ReadAhead reader = new ReadAhead(source, THREADS);
    assertThat(reader.next().row()).isEqualTo(1);
    reader.close();
    assertThat(source.closed).isTrue();
    assertThat(source.row).isLessThan(1_000_000);
  }
}
