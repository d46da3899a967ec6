package org.wangge.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LonLatTest {

  @ParameterizedTest(name = "({0}, {1}) → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "181 | 31 | longitude 181.0 is outside [-180, 180]",
        "120.6 | 91 | latitude 91.0 is outside [-90, 90]",
        "NaN | 31 | longitude NaN",
        "120.6 | Infinity | latitude Infinity",
      })
  void rejectsOutOfRangeValues(double lon, double lat, String message) {
    assertThatThrownBy(() -> new LonLat(lon, lat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void detectsSwappedAxesAndProjectedValues() {
    assertThatThrownBy(() -> new LonLat(31.138677, 120.645157))
        .hasMessageContaining("latitude 120.645157")
        .hasMessageContaining("axis order");
    // Kashgar (lon 75.99, lat 39.47) with its axes swapped still passes the range check
    assertThatThrownBy(() -> new LonLat(39.47, 75.99).requireInChina())
        .hasMessageContaining("lon 39.47")
        .hasMessageContaining("look swapped");
    assertThatThrownBy(() -> new LonLat(-120.6, 31.1).requireInChina())
        .hasMessageContaining("outside China")
        .hasMessageNotContaining("swapped");
    assertThat(new LonLat(120.645157, 31.138677).requireInChina().lon()).isEqualTo(120.645157);
  }

  @Test
  void distanceInMeters() {
    // one degree of latitude on the mean-radius sphere
    assertThat(new LonLat(120, 31).distanceMeters(new LonLat(120, 32)))
        .isCloseTo(111_195.08, org.assertj.core.data.Offset.offset(0.1));
    assertThat(Geodesy.metersToDegreesLon(95.41, 31.0))
        .isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-5));
  }
}
