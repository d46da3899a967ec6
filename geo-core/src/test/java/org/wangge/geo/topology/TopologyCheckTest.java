package org.wangge.geo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.wangge.geo.topology.GridFixtures.CELL;
import static org.wangge.geo.topology.GridFixtures.LAT0;
import static org.wangge.geo.topology.GridFixtures.LON0;
import static org.wangge.geo.topology.GridFixtures.read;
import static org.wangge.geo.topology.GridFixtures.rectangleSquareMeters;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

class TopologyCheckTest {

  private static final String COMMUNITY = "320509001001";
  private final TopologyCheck check = TopologyCheck.create();

  @Test
  void cleanPartitionHasNoProblems() {
    List<Grid> grids = read("clean-2x2.wkt");

    TopologyReport report = check.check(grids);

    assertThat(report.problems()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.gridsChecked()).isEqualTo(7);
  }

  @Test
  void cleanPartitionInsideItsDistrictBoundaryHasNoProblems() {
    List<Grid> grids = read("clean-2x2.wkt");
    Geometry boundary = GridFixtures.grid(grids, "320509").geometry();

    assertThat(check.check(grids, boundary, List.of()).problems()).isEmpty();
  }

  @Test
  void shiftedSquareOverlapsItsNeighbourAndLeavesAGap() {
    TopologyReport report = check.check(read("shifted-square.wkt"));

    double strip = rectangleSquareMeters(0.3 * CELL, CELL, LAT0 + 1.5 * CELL);
    TopologyProblem overlap = single(report, ProblemKind.OVERLAP);
    assertThat(overlap.codes()).containsExactly("320509001001001", "320509001001002");
    assertThat(overlap.areaSquareMeters()).isCloseTo(strip, withinPercentage(1));
    assertThat(overlap.geometry().getEnvelopeInternal().getMinX())
        .isCloseTo(LON0 + 0.7 * CELL, within(1e-9));
    assertThat(overlap.location().lon()).isBetween(LON0 + 0.7 * CELL, LON0 + CELL);
    assertThat(overlap.message()).contains("320509001001001", "320509001001002", "m²");
    assertThat(overlap.messageZh()).contains("重叠");

    TopologyProblem gap = single(report, ProblemKind.GAP);
    assertThat(gap.codes()).containsExactly(COMMUNITY);
    assertThat(gap.areaSquareMeters()).isCloseTo(strip, withinPercentage(1));
    assertThat(gap.location().lon()).isBetween(LON0 + 1.7 * CELL, LON0 + 2 * CELL);
    assertThat(report.problems()).hasSize(2);
  }

  @Test
  void missingSquareIsAGapOfOneCell() {
    TopologyReport report = check.check(read("missing-square.wkt"));

    TopologyProblem gap = single(report, ProblemKind.GAP);
    assertThat(gap.codes()).containsExactly(COMMUNITY);
    assertThat(gap.areaSquareMeters())
        .isCloseTo(rectangleSquareMeters(CELL, CELL, LAT0 + 0.5 * CELL), withinPercentage(1));
    assertThat(gap.location().lon()).isBetween(LON0 + CELL, LON0 + 2 * CELL);
    assertThat(gap.location().lat()).isBetween(LAT0, LAT0 + CELL);
    assertThat(gap.wkt()).startsWith("POLYGON");
    assertThat(report.problems()).hasSize(1);
  }

  @Test
  void bowTieIsRepairedAndReportedWhereItCrossesItself() {
    TopologyReport report = check.check(read("bow-tie.wkt"));

    TopologyProblem invalid = single(report, ProblemKind.INVALID_RING);
    assertThat(invalid.codes()).containsExactly("320509001001004");
    assertThat(invalid.location().lon()).isCloseTo(LON0 + 1.5 * CELL, within(1e-9));
    assertThat(invalid.location().lat()).isCloseTo(LAT0 + 0.5 * CELL, within(1e-9));
    assertThat(invalid.message()).containsIgnoringCase("self-intersection");
    Geometry repaired = invalid.geometry();
    assertThat(repaired.isValid()).isTrue();
    assertThat(repaired.getNumGeometries()).isEqualTo(2);
    double cell = rectangleSquareMeters(CELL, CELL, LAT0 + 0.5 * CELL);
    assertThat(invalid.areaSquareMeters()).isCloseTo(cell / 2, withinPercentage(1));
    assertThat(report.repairedGeometries()).containsOnlyKeys("320509001001004");
    assertThat(report.repairedGeometries().get("320509001001004").equalsTopo(repaired)).isTrue();

    // the repaired bow tie covers two of the cell's four triangles: the other two are gaps
    List<TopologyProblem> gaps = report.problems(ProblemKind.GAP);
    assertThat(gaps).hasSize(2);
    assertThat(gaps.stream().mapToDouble(TopologyProblem::areaSquareMeters).sum())
        .isCloseTo(cell / 2, withinPercentage(1));
    assertThat(report.problems(ProblemKind.OVERLAP)).isEmpty();
  }

  @Test
  void childStickingOutOfItsParentIsReportedWithTheOutsidePart() {
    TopologyReport report = check.check(read("child-outside.wkt"));

    TopologyProblem outside = single(report, ProblemKind.CHILD_OUTSIDE_PARENT);
    assertThat(outside.codes()).containsExactly("320509001001004", COMMUNITY);
    assertThat(outside.areaSquareMeters())
        .isCloseTo(rectangleSquareMeters(0.2 * CELL, CELL, LAT0 + 0.5 * CELL), withinPercentage(1));
    assertThat(outside.location().lon()).isBetween(LON0 + 2 * CELL, LON0 + 2.2 * CELL);
    assertThat(report.problems()).hasSize(1);
  }

  @Test
  void streetsOutsideOrShortOfTheDistrictBoundaryAreReported() {
    List<Grid> grids = read("clean-2x2.wkt");
    // a boundary one cell wider to the east: the street leaves a gap there
    Geometry wider =
        GridFixtures.wkt(
            "POLYGON ((120.600 31.300, 120.603 31.300, 120.603 31.302, 120.600 31.302, 120.600"
                + " 31.300))");
    TopologyReport report = check.check(grids, wider, List.of());

    TopologyProblem gap = single(report, ProblemKind.GAP);
    assertThat(gap.codes()).containsExactly("320509");
    assertThat(gap.message()).contains("district boundary");
    assertThat(gap.areaSquareMeters())
        .isCloseTo(rectangleSquareMeters(CELL, 2 * CELL, LAT0 + CELL), withinPercentage(1));
    assertThat(report.problems()).hasSize(1);
  }

  @Test
  void specialGridOverlappingUnitGridsIsNotAnOverlap() {
    List<Grid> grids = read("special-grid.wkt");

    assertThat(check.check(grids).problems()).isEmpty();
    assertThat(check.check(grids).gridsChecked()).isEqualTo(8);
  }

  @Test
  void holeFilledByAnotherGridLeavesNoGap() {
    assertThat(check.check(read("hole-filled.wkt")).problems()).isEmpty();
  }

  @Test
  void emptyHoleIsAGap() {
    List<Grid> grids = GridFixtures.without(read("hole-filled.wkt"), "320509001001002");

    TopologyReport report = check.check(grids);

    TopologyProblem gap = single(report, ProblemKind.GAP);
    assertThat(gap.areaSquareMeters())
        .isCloseTo(rectangleSquareMeters(CELL, CELL, LAT0 + 1.5 * CELL), withinPercentage(1));
    assertThat(gap.location().lon()).isBetween(LON0 + CELL, LON0 + 2 * CELL);
    assertThat(gap.location().lat()).isBetween(LAT0 + CELL, LAT0 + 2 * CELL);
    assertThat(report.problems()).hasSize(1);
  }

  @Test
  void tJunctionWithFloatNoiseIsClean() {
    List<Grid> grids = read("t-junction.wkt");

    assertThat(check.check(grids).problems()).isEmpty();
    // the noise is there, it is only below the tolerance
    TopologyCheck exact =
        TopologyCheck.create(TopologyCheck.Options.defaults().withAreaTolerance(0));
    assertThat(exact.check(grids).problems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.areaSquareMeters()).isLessThan(1e-6));
  }

  @Test
  void multiPolygonGridSharingEdgesWithItsNeighbourIsClean() {
    assertThat(check.check(read("multipolygon.wkt")).problems()).isEmpty();
  }

  @Test
  void multiPolygonGridOverlappingItsNeighbourIsReported() {
    List<Grid> grids = new ArrayList<>(read("multipolygon.wkt"));
    Grid middle = GridFixtures.grid(grids, "320509001001002");
    grids.remove(middle);
    // the middle cell widened by 0.5 cell to the east, into the multipolygon's eastern part
    grids.add(
        GridFixtures.withGeometry(
            middle,
            GridFixtures.wkt(
                "POLYGON ((120.601 31.300, 120.6025 31.300, 120.6025 31.301, 120.601 31.301,"
                    + " 120.601 31.300))")));

    TopologyReport report = check.check(grids);

    TopologyProblem overlap = single(report, ProblemKind.OVERLAP);
    assertThat(overlap.codes()).containsExactly("320509001001001", "320509001001002");
    assertThat(overlap.areaSquareMeters())
        .isCloseTo(rectangleSquareMeters(0.5 * CELL, CELL, LAT0 + 0.5 * CELL), withinPercentage(1));
    assertThat(report.problems()).hasSize(1);
  }

  @Test
  void unitGridsOfDifferentCommunitiesThatOverlapAreReported() {
    List<Grid> grids = new ArrayList<>(read("clean-2x2.wkt"));
    // a second community east of the first, whose only unit grid reaches 0.5 cell back west
    grids.add(
        new Grid(
            GridCode.parse("320509001002"),
            null,
            GridLevel.COMMUNITY,
            GridCode.parse("320509001"),
            GridFixtures.wkt(
                "POLYGON ((120.602 31.300, 120.603 31.300, 120.603 31.302, 120.602 31.302, 120.602"
                    + " 31.300))"),
            null));
    grids.add(
        new Grid(
            GridCode.parse("320509001002001"),
            null,
            GridLevel.UNIT,
            GridCode.parse("320509001002"),
            GridFixtures.wkt(
                "POLYGON ((120.6015 31.300, 120.603 31.300, 120.603 31.302, 120.6015 31.302,"
                    + " 120.6015 31.300))"),
            null));

    TopologyReport report = check.check(grids);

    assertThat(report.problems(ProblemKind.OVERLAP))
        .extracting(TopologyProblem::codes)
        .containsExactly(
            List.of("320509001001002", "320509001002001"),
            List.of("320509001001004", "320509001002001"));
    // the unit reaches into the first community; the new community itself lies outside the street
    assertThat(report.problems(ProblemKind.CHILD_OUTSIDE_PARENT))
        .extracting(TopologyProblem::codes)
        .containsExactly(
            List.of("320509001002", "320509001"), List.of("320509001002001", "320509001002"));
  }

  @Test
  void sliversBelowTheToleranceAreIgnoredAndAboveItReported() {
    List<Grid> grids = new ArrayList<>(read("clean-2x2.wkt"));
    Grid east = GridFixtures.grid(grids, "320509001001002");
    grids.remove(east);
    // 1e-8° (about 1 mm) overlap over 111 m: roughly 0.1 m²
    grids.add(
        GridFixtures.withGeometry(
            east,
            GridFixtures.wkt(
                "POLYGON ((120.60099999 31.301, 120.602 31.301, 120.602 31.302, 120.60099999"
                    + " 31.302, 120.60099999 31.301))")));

    assertThat(check.check(grids).problems(ProblemKind.OVERLAP)).hasSize(1);
    TopologyCheck lenient =
        TopologyCheck.create(TopologyCheck.Options.defaults().withAreaTolerance(1));
    assertThat(lenient.check(grids).problems()).isEmpty();
  }

  @Test
  void reportIsTheSameOnOneThreadAndOnTwo() {
    List<Grid> grids = new ArrayList<>(read("shifted-square.wkt"));
    grids.addAll(GridFixtures.without(read("bow-tie.wkt"), "320509"));

    TopologyReport one =
        TopologyCheck.create(TopologyCheck.Options.defaults().withThreads(1)).check(grids);
    TopologyReport two =
        TopologyCheck.create(TopologyCheck.Options.defaults().withThreads(2)).check(grids);

    assertThat(two.problems())
        .extracting(TopologyProblem::message)
        .containsExactlyElementsOf(one.problems().stream().map(TopologyProblem::message).toList());
    assertThat(one.problems()).isSortedAccordingTo(Problems.ORDER);
    assertThat(one.problems())
        .extracting(TopologyProblem::kind)
        .contains(ProblemKind.DUPLICATE_CODE);
  }

  private static TopologyProblem single(TopologyReport report, ProblemKind kind) {
    assertThat(report.problems(kind)).as("%s in %s", kind, report.problems()).hasSize(1);
    return report.problems(kind).get(0);
  }
}
