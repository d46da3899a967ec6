package org.wangge.geo.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wangge.geo.index.TestGrids.unit;
import static org.wangge.geo.index.TestGrids.wkt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/** The behaviour every {@link GridIndex} implementation must show. */
abstract class GridIndexContractTest {

  abstract GridIndex build(Collection<Grid> grids);

  /** 2 × 2 squares of 0.01° at (120, 31): codes 001 SW, 002 SE, 003 NW, 004 NE. */
  private GridIndex quad() {
    return build(TestGrids.lattice(120.0, 31.0, 0.01, 2, 2));
  }

  private static String code(GridIndex index, int i) {
    return i == GridIndex.NONE ? "none" : index.unitGrids().get(i).code().digits().substring(12);
  }

  @ParameterizedTest(name = "({0}, {1}) → {2}")
  @CsvSource({
    "120.005, 31.005, 001",
    "120.015, 31.005, 002",
    "120.005, 31.015, 003",
    "120.015, 31.015, 004",
    // on the edge shared by 001 and 002: the smaller code wins
    "120.01, 31.005, 001",
    // on the edge shared by 003 and 004
    "120.01, 31.015, 003",
    // on the edge shared by 002 and 004
    "120.015, 31.01, 002",
    // the vertex shared by all four
    "120.01, 31.01, 001",
    // outer boundary and corners are covered
    "120.0, 31.0, 001",
    "120.02, 31.02, 004",
    "120.02, 31.005, 002",
    // outside
    "119.999, 31.005, none",
    "120.005, 31.0200001, none",
    "121.0, 32.0, none",
  })
  void locatesUnitGridWithSmallestCodeOnSharedBoundaries(double lon, double lat, String expected) {
    GridIndex index = quad();
    assertThat(code(index, index.locateIndex(lon, lat))).isEqualTo(expected);
  }

  @Test
  void holesAndMultipolygons() {
    List<Grid> grids = new ArrayList<>();
    grids.add(unit(0, wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))")));
    grids.add(
        unit(
            1,
            wkt(
                "MULTIPOLYGON (((20 0, 22 0, 22 2, 20 2, 20 0)), ((30 0, 32 0, 32 2, 30 2, 30 0)))")));
    grids.add(unit(2, wkt("POLYGON ((4.5 4.5, 5.5 4.5, 5.5 5.5, 4.5 5.5, 4.5 4.5))")));
    GridIndex index = build(grids);
    assertThat(code(index, index.locateIndex(1, 1))).isEqualTo("001");
    assertThat(code(index, index.locateIndex(4.2, 4.2))).as("in the hole").isEqualTo("none");
    assertThat(code(index, index.locateIndex(4, 5))).as("on the hole's edge").isEqualTo("001");
    assertThat(code(index, index.locateIndex(5, 5))).as("island in the hole").isEqualTo("003");
    assertThat(code(index, index.locateIndex(21, 1))).isEqualTo("002");
    assertThat(code(index, index.locateIndex(31, 1))).isEqualTo("002");
    assertThat(code(index, index.locateIndex(25, 1))).as("between parts").isEqualTo("none");
  }

  @Test
  void overlapsResolveToSmallestCode() {
    List<Grid> grids = new ArrayList<>();
    grids.add(unit(0, wkt("POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0))")));
    grids.add(unit(1, wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))")));
    GridIndex index = build(grids);
    assertThat(code(index, index.locateIndex(1.5, 1))).isEqualTo("001");
    assertThat(code(index, index.locateIndex(0.5, 1))).isEqualTo("002");
    assertThat(code(index, index.locateIndex(2.5, 1))).isEqualTo("001");
  }

  @Test
  void answerDoesNotDependOnInputOrder() {
    List<Grid> grids = TestGrids.lattice(120.0, 31.0, 0.01, 3, 3);
    List<Grid> reversed = new ArrayList<>(grids);
    java.util.Collections.reverse(reversed);
    GridIndex a = build(grids);
    GridIndex b = build(reversed);
    for (double x = 120.0; x <= 120.03; x += 0.0025) {
      for (double y = 31.0; y <= 31.03; y += 0.0025) {
        assertThat(code(b, b.locateIndex(x, y))).isEqualTo(code(a, a.locateIndex(x, y)));
      }
    }
  }

  @Test
  void locateGivesAncestorsSpecialsAndNearest() {
    List<Grid> grids = new ArrayList<>(TestGrids.lattice(120.0, 31.0, 0.01, 2, 2));
    GridCode community = GridCode.parse("320509001001");
    GridCode street = community.parent();
    GridCode district = street.parent();
    var all = wkt("POLYGON ((120 31, 120.02 31, 120.02 31.02, 120 31.02, 120 31))");
    grids.add(new Grid(district, "吴江区", GridLevel.DISTRICT, null, all, "U-centre"));
    grids.add(new Grid(street, "松陵街道", GridLevel.STREET, district, all, "U-street"));
    grids.add(new Grid(community, "西塘社区", GridLevel.COMMUNITY, street, all, "U-community"));
    grids.add(
        new Grid(
            GridCode.parse("320509001001901"),
            "school",
            GridLevel.SPECIAL,
            community,
            wkt(
                "POLYGON ((120.004 31.004, 120.006 31.004, 120.006 31.006, 120.004 31.006, 120.004 31.004))"),
            "U-school"));
    GridIndex index = build(grids);

    GridLocation inside = index.locate(120.005, 31.005);
    assertThat(inside.isInside()).isTrue();
    assertThat(inside.unitGrid().code().digits()).isEqualTo("320509001001001");
    assertThat(inside.ancestors()).extracting(Grid::name).containsExactly("西塘社区", "松陵街道", "吴江区");
    assertThat(inside.specialGrids()).extracting(Grid::name).containsExactly("school");
    assertThat(index.locate(120.015, 31.015).specialGrids()).isEmpty();

    // 0.001° of latitude east of the east edge at 31.005: about 95 m of longitude at 31°N
    GridLocation outside = index.locate(120.021, 31.005);
    assertThat(outside.isInside()).isFalse();
    assertThat(outside.ancestors()).isEmpty();
    assertThat(outside.nearest().code().digits()).isEqualTo("320509001001002");
    assertThat(outside.distanceMeters()).isBetween(94.0, 96.5);
    assertThat(index.unitGrids()).hasSize(4);
    assertThat(index.grid(street).name()).isEqualTo("松陵街道");
  }

  @Test
  void rejectsDuplicateCodes() {
    List<Grid> grids = new ArrayList<>(TestGrids.lattice(120.0, 31.0, 0.01, 1, 1));
    grids.add(grids.get(0));
    assertThatThrownBy(() -> build(grids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("320509001001001")
        .hasMessageContaining("twice");
  }

  @Test
  void outOfRangeCoordinatesAreOutsideInTheHotPathAndRejectedInLocate() {
    GridIndex index = quad();
    assertThat(index.locateIndex(Double.NaN, 31)).isEqualTo(GridIndex.NONE);
    assertThat(index.locateIndex(31.005, 120.005)).as("swapped").isEqualTo(GridIndex.NONE);
    assertThatThrownBy(() -> index.locate(31.005, 120.005))
        .hasMessageContaining("latitude 120.005");
  }

  @Test
  void rejectsSelfIntersectingPolygonNamingGridAndLocation() {
    List<Grid> grids = List.of(unit(0, wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")));
    assertThatThrownBy(() -> build(grids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grid 320509001001001")
        .hasMessageContaining("Self-intersection")
        .hasMessageContaining("(1.0, 1.0)");
  }

  @Test
  void emptySet() {
    GridIndex index = build(List.of());
    assertThat(index.locateIndex(120, 31)).isEqualTo(GridIndex.NONE);
    assertThat(index.locate(120, 31).nearest()).isNull();
  }
}
