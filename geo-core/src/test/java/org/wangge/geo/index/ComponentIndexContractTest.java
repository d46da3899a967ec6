package org.wangge.geo.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ComponentIndex} shows, checked on small hand-made point sets. */
abstract class ComponentIndexContractTest {

  abstract ComponentIndex build(double[] lons, double[] lats);

  /** Points 0..4 along a row at 31°N, 0.001° apart, plus one far away. */
  private ComponentIndex row() {
    double[] lons = {120.000, 120.001, 120.002, 120.003, 120.004, 121.5};
    double[] lats = {31.0, 31.0, 31.0, 31.0, 31.0, 31.9};
    return build(lons, lats);
  }

  @Test
  void bboxIsClosed() {
    ComponentIndex index = row();
    assertThat(index.bbox(120.001, 30.9, 120.003, 31.0)).containsExactly(1, 2, 3);
    assertThat(index.bbox(120.0011, 30.9, 120.0029, 31.1)).containsExactly(2);
    assertThat(index.bbox(119, 30, 122, 32)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(index.bbox(100, 10, 101, 11)).isEmpty();
  }

  @Test
  void radiusInMeters() {
    ComponentIndex index = row();
    // 0.001° of longitude at 31°N is about 95.4 m
    assertThat(index.withinMeters(120.002, 31.0, 100)).containsExactly(2, 1, 3);
    assertThat(index.withinMeters(120.002, 31.0, 200)).containsExactly(2, 1, 3, 0, 4);
    assertThat(index.withinMeters(120.002, 31.0, 90)).containsExactly(2);
    assertThat(ComponentIndex.distanceMeters(120.002, 31.0, 120.003, 31.0)).isBetween(95.2, 95.6);
  }

  @Test
  void nearestBreaksTiesBySmallerId() {
    ComponentIndex index = row();
    assertThat(index.nearest(120.002, 31.0, 3)).containsExactly(2, 1, 3);
    assertThat(index.nearest(120.0025, 31.0, 2)).containsExactly(2, 3);
    assertThat(index.nearest(121.4, 31.9, 1)).containsExactly(5);
    assertThat(index.nearest(120.0, 31.0, 10)).hasSize(6).startsWith(0, 1, 2, 3, 4);
    assertThat(index.nearest(0.0, 0.0, 1)).as("query far outside").containsExactly(0);
  }

  @Test
  void agreesWithLinearScanOnRandomClusters() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 20_000;
    double[] lons = new double[n];
    double[] lats = new double[n];
    for (int i = 0; i < n; i++) {
      boolean cluster = i % 3 == 0;
      lons[i] = cluster ? 120.5 + random.nextGaussian() * 0.002 : 120.3 + random.nextDouble() * 0.5;
      lats[i] = cluster ? 31.0 + random.nextGaussian() * 0.002 : 30.8 + random.nextDouble() * 0.4;
    }
    lons[7] = lons[8];
    lats[7] = lats[8];
    ComponentIndex index = build(lons, lats);
    ComponentIndex oracle = ComponentIndex.bruteForce(lons, lats);
    for (int q = 0; q < 200; q++) {
      double x = 120.25 + random.nextDouble() * 0.6;
      double y = 30.75 + random.nextDouble() * 0.5;
      if (q % 4 == 0) {
        x = 120.5 + random.nextGaussian() * 0.003;
        y = 31.0 + random.nextGaussian() * 0.003;
      }
      double half = random.nextDouble() * 0.01;
      assertThat(index.bbox(x - half, y - half, x + half, y + half))
          .isEqualTo(oracle.bbox(x - half, y - half, x + half, y + half));
      double radius = random.nextDouble() * 800;
      assertThat(index.withinMeters(x, y, radius)).isEqualTo(oracle.withinMeters(x, y, radius));
      int k = 1 + random.nextInt(50);
      assertThat(index.nearest(x, y, k)).isEqualTo(oracle.nearest(x, y, k));
    }
    assertThat(index.nearest(lons[8], lats[8], 2)).containsExactly(7, 8);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> build(new double[] {120, Double.NaN}, new double[] {31, 31}))
        .hasMessageContaining("point 1");
    assertThatThrownBy(() -> build(new double[] {120}, new double[] {31, 31}))
        .hasMessageContaining("lons has 1");
    ComponentIndex index = row();
    assertThatThrownBy(() -> index.withinMeters(120, 31, -1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> index.nearest(120, 31, -2)).hasMessageContaining("k = -2");
  }

  @Test
  void empty() {
    ComponentIndex index = build(new double[0], new double[0]);
    assertThat(index.size()).isZero();
    assertThat(index.nearest(120, 31, 3)).isEmpty();
    assertThat(index.bbox(119, 30, 121, 32)).isEmpty();
  }
}
