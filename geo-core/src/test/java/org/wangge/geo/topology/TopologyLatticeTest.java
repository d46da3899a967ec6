package org.wangge.geo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.grid.Grid;

/**
 * Generated partitions of 10,000 unit grids: every shared edge and vertex is a chance for a false
 * overlap or a false gap.
 */
class TopologyLatticeTest {

  private final TopologyCheck check = TopologyCheck.create();

  @Test
  void rectangularLatticeWithRectangularParentsIsClean() {
    List<Grid> grids = GridFixtures.lattice(100, 100, 0, 1, 10, 5);

    TopologyReport report = check.check(grids);

    assertThat(report.problems()).isEmpty();
    assertThat(report.gridsChecked()).isEqualTo(10_000 + 100 + 4 + 1);
  }

  @Test
  void jitteredLatticeWithParentsUnitedFromChildrenIsClean() {
    List<Grid> grids = GridFixtures.lattice(100, 100, 0.3, 42, 10, 5);
    Geometry boundary = GridFixtures.grid(grids, "320509").geometry();

    TopologyReport report = check.check(grids, boundary, List.of());

    assertThat(report.problems()).isEmpty();
    assertThat(report.gridsChecked()).isEqualTo(10_105);
  }

  @Test
  void oneVertexMovedInAJitteredLatticeIsFoundAndNothingElse() {
    List<Grid> grids = new ArrayList<>(GridFixtures.lattice(100, 100, 0.3, 42, 10, 5));
    // unit 320509001001045 is row 4 (from the north), column 4 of the north-west community:
    // move its north-east corner 0.2 cells further north-east, into its neighbours
    Grid victim = GridFixtures.grid(grids, "320509001001045");
    Geometry moved = victim.geometry();
    Coordinate corner = moved.getCoordinates()[2];
    double lon = corner.x;
    double lat = corner.y;
    corner.x += 0.2 * GridFixtures.CELL;
    corner.y += 0.2 * GridFixtures.CELL;
    moved.geometryChanged();
    grids.set(grids.indexOf(victim), GridFixtures.withGeometry(victim, moved));

    TopologyReport report = check.check(grids);

    assertThat(report.problems()).isNotEmpty();
    assertThat(report.counts().keySet()).containsOnly(ProblemKind.OVERLAP);
    assertThat(report.problems())
        .allSatisfy(
            p -> {
              assertThat(p.codes()).contains("320509001001045");
              assertThat(p.location().lon()).isCloseTo(lon, within(0.5 * GridFixtures.CELL));
              assertThat(p.location().lat()).isCloseTo(lat, within(0.5 * GridFixtures.CELL));
            });
  }
}
