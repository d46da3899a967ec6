package org.wangge.geo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.wangge.geo.topology.GridFixtures.read;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/** Codes, records and parent links: problems that come from the input rather than the shapes. */
class TopologyInputProblemsTest {

  private static final String CELL_4 =
      "POLYGON ((120.601 31.300, 120.602 31.300, 120.602 31.301, 120.601 31.301, 120.601 31.300))";
  private final TopologyCheck check = TopologyCheck.create();

  @Test
  void recordsThatMakeValidGridsAreCheckedLikeGrids() {
    List<Grid> grids = GridFixtures.without(read("clean-2x2.wkt"), "320509001001004");
    List<GridRecord> records =
        List.of(new GridRecord("320509001001004", GridFixtures.wkt(CELL_4), null, null, 7));

    assertThat(check.check(grids, null, records).problems()).isEmpty();
  }

  @Test
  void duplicateCodeIsReportedOnceAndTheFirstOccurrenceKept() {
    List<Grid> grids = read("clean-2x2.wkt");
    List<GridRecord> records =
        List.of(
            new GridRecord("320509001001004", GridFixtures.wkt(CELL_4), GridLevel.UNIT, "", 12),
            new GridRecord(" 320509001001004 ", GridFixtures.wkt(CELL_4), null, null, 13));

    TopologyReport report = check.check(grids, null, records);

    assertThat(report.problems())
        .extracting(TopologyProblem::kind, TopologyProblem::codes, TopologyProblem::sourceRow)
        .containsExactly(
            tuple(ProblemKind.DUPLICATE_CODE, List.of("320509001001004"), 12L),
            tuple(ProblemKind.DUPLICATE_CODE, List.of("320509001001004"), 13L));
    assertThat(report.problems().get(0).message()).startsWith("row 12:").contains("grid list");
    assertThat(report.problems().get(0).location()).isNotNull();
    assertThat(report.gridsChecked()).isEqualTo(7); // the duplicates do not overlap the original
  }

  @Test
  void duplicateAmongGridsIsReported() {
    List<Grid> grids = new ArrayList<>(read("clean-2x2.wkt"));
    grids.add(GridFixtures.grid(grids, "320509001001001"));

    TopologyReport report = check.check(grids);

    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ProblemKind.DUPLICATE_CODE);
              assertThat(p.sourceRow()).isNull();
            });
  }

  @Test
  void malformedCodesAreReportedWithTheirRowAndReason() {
    List<Grid> grids = GridFixtures.without(read("clean-2x2.wkt"), "320509001001004");
    Geometry cell = GridFixtures.wkt(CELL_4);
    List<GridRecord> records =
        List.of(
            new GridRecord("3205O9001001004", cell, GridLevel.UNIT, null, 3),
            new GridRecord(null, cell, GridLevel.UNIT, null, 4),
            new GridRecord("320509001001005", cell, GridLevel.UNIT, "32050900100X", 5),
            new GridRecord("320509001001", cell, GridLevel.UNIT, "320509001", 6));

    TopologyReport report = check.check(grids, null, records);

    assertThat(report.problems(ProblemKind.MALFORMED_CODE))
        .extracting(p -> p.codes().get(0), TopologyProblem::sourceRow)
        .containsExactly(
            tuple("", 4L),
            tuple("320509001001", 6L),
            tuple("32050900100X", 5L),
            tuple("3205O9001001004", 3L));
    assertThat(report.problems(ProblemKind.MALFORMED_CODE).get(3).message())
        .contains("row 3", "non-digit 'O'");
    assertThat(report.problems(ProblemKind.MALFORMED_CODE).get(1).message()).contains("15-digit");
    // none of the rejected records fills the cell, so it stays a gap
    assertThat(report.problems(ProblemKind.GAP)).hasSize(1);
  }

  @Test
  void missingOrNonPolygonalGeometryIsEmptyGeometry() {
    List<Grid> grids = read("clean-2x2.wkt");
    List<GridRecord> records =
        List.of(
            new GridRecord("320509001001005", null, null, null, 8),
            new GridRecord("320509001001006", GridFixtures.wkt("POLYGON EMPTY"), null, null, 9),
            new GridRecord(
                "320509001001007",
                GridFixtures.wkt("LINESTRING (120.600 31.300, 120.601 31.301)"),
                null,
                null,
                10),
            new GridRecord(
                "320509001001008",
                GridFixtures.wkt(
                    "POLYGON ((120.600 31.300, 120.601 31.300, 120.602 31.300, 120.600 31.300))"),
                null,
                null,
                11));

    TopologyReport report = check.check(grids, null, records);

    assertThat(report.problems())
        .extracting(TopologyProblem::kind, TopologyProblem::sourceRow)
        .containsOnly(
            tuple(ProblemKind.EMPTY_GEOMETRY, 8L),
            tuple(ProblemKind.EMPTY_GEOMETRY, 9L),
            tuple(ProblemKind.EMPTY_GEOMETRY, 10L),
            tuple(ProblemKind.EMPTY_GEOMETRY, 11L));
    assertThat(report.problems(ProblemKind.EMPTY_GEOMETRY).get(2).message()).contains("LineString");
    assertThat(report.problems(ProblemKind.EMPTY_GEOMETRY).get(3).location()).isNotNull();
  }

  @Test
  void unitGridWhoseParentIsAStreetIsReported() {
    List<Grid> grids = new ArrayList<>(read("clean-2x2.wkt"));
    Grid unit = GridFixtures.grid(grids, "320509001001004");
    grids.remove(unit);
    grids.add(
        new Grid(
            unit.code(), null, GridLevel.UNIT, GridCode.parse("320509001"), unit.geometry(), null));

    TopologyReport report = check.check(grids);

    TopologyProblem problem = report.problems(ProblemKind.UNIT_WITHOUT_COMMUNITY).get(0);
    assertThat(problem.codes()).containsExactly("320509001001004", "320509001");
    assertThat(problem.message()).contains("street 320509001");
    assertThat(report.problems(ProblemKind.UNIT_WITHOUT_COMMUNITY)).hasSize(1);
    // the stray unit is nobody's child: its cell is a gap in the community
    assertThat(report.problems(ProblemKind.GAP)).hasSize(1);
  }

  @Test
  void parentNotInTheSetIsMissingParent() {
    List<Grid> grids = GridFixtures.without(read("clean-2x2.wkt"), "320509001");

    TopologyReport report = check.check(grids);

    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ProblemKind.MISSING_PARENT);
              assertThat(p.codes()).containsExactly("320509001001", "320509001");
            });
  }

  @Test
  void communityUnderACommunityIsAParentLevelMismatch() {
    List<Grid> grids = new ArrayList<>(read("clean-2x2.wkt"));
    grids.add(
        new Grid(
            GridCode.parse("320509001002"),
            null,
            GridLevel.COMMUNITY,
            GridCode.parse("320509001001"),
            GridFixtures.wkt(CELL_4),
            null));

    TopologyReport report = check.check(grids);

    assertThat(report.problems(ProblemKind.PARENT_LEVEL_MISMATCH))
        .singleElement()
        .extracting(TopologyProblem::codes)
        .isEqualTo(List.of("320509001002", "320509001001"));
  }
}
