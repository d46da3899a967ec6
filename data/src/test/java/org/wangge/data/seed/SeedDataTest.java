package org.wangge.data.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedDataTest {

  @ParameterizedTest
  @CsvSource({
    "320509, 吴江区, 1228.8",
    "320506, 吴中区, 2172.8",
    "320724, 灌南县, 1026.8",
    "340181, 巢湖市, 2071.9",
    "110101, 东城区, 41.8"
  })
  void boundaryIsRepairedToAValidPolygonOfTheKnownArea(String code, String name, double km2) {
    SeedDistrict d = SeedData.load().district(code);

    assertThat(d.name()).isEqualTo(name);
    assertThat(d.deliveredBoundary().isValid()).isFalse();
    assertThat(d.repair().repaired()).isTrue();
    assertThat(d.repair().validationError()).isNotBlank();
    assertThat(d.repair().location()).isNotNull();
    assertThat(d.boundary().isValid()).isTrue();
    assertThat(EllipsoidArea.squareKilometres(d.boundary())).isCloseTo(km2, within2Percent(km2));
    assertThat(d.repair().areaAfterKm2()).isCloseTo(km2, within2Percent(km2));
    assertThat(d.streets()).isNotEmpty();
    assertThat(d.villages()).allMatch(v -> v.code().digits().startsWith(v.parent().digits()));
  }

  @Test
  void divisionsAreReadWithRealCodesAndNames() {
    SeedDistrict wujiang = SeedData.load().district("320509");

    assertThat(wujiang.streets()).hasSize(14);
    assertThat(wujiang.villages()).hasSize(310);
    assertThat(wujiang.streets().get(0).code().digits()).isEqualTo("320509001");
    assertThat(wujiang.streets().get(0).name()).isEqualTo("松陵街道");
    assertThat(wujiang.villagesOf(wujiang.streets().get(0).code()).get(0).name())
        .isEqualTo("西塘社区居委会");
  }

  @Test
  void unknownDistrictIsRejectedWithTheKnownCodes() {
    assertThatThrownBy(() -> SeedData.load().district("320500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("320500")
        .hasMessageContaining("320509");
  }

  @Test
  void ellipsoidAreaOfAOneDegreeCellAtTheEquator() {
    var gf = new org.locationtech.jts.geom.GeometryFactory();
    var cell = gf.toGeometry(new org.locationtech.jts.geom.Envelope(0, 1, 0, 1));
    // 1°×1° at the equator on WGS84: 12,308.8 km²
    assertThat(EllipsoidArea.squareKilometres(cell))
        .isCloseTo(12308.8, org.assertj.core.data.Offset.offset(1.0));
  }

  private static org.assertj.core.data.Offset<Double> within2Percent(double v) {
    return org.assertj.core.data.Offset.offset(v * 0.02);
  }
}
