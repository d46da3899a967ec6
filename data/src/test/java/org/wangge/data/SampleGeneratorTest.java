package org.wangge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.wangge.data.seed.Division;
import org.wangge.data.seed.EllipsoidArea;
import org.wangge.data.seed.SeedData;
import org.wangge.data.seed.SeedDistrict;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.topology.TopologyCheck;
import org.wangge.geo.topology.TopologyReport;

class SampleGeneratorTest {

  static SampleDistrict demo;
  static Map<GridCode, Grid> byCode;
  static final GeometryFactory GF = new GeometryFactory();

  @BeforeAll
  static void generate() {
    demo = new SampleGenerator().generate("320509", Scale.DEMO, 42);
    byCode = new HashMap<>();
    demo.grids().forEach(g -> byCode.put(g.code(), g));
  }

  @Test
  void passesTheTopologyCheckWithNoProblems() {
    TopologyReport report = TopologyCheck.create().check(demo.grids());
    assertThat(report.problems()).isEmpty();
    assertThat(report.gridsChecked()).isEqualTo(demo.grids().size());
  }

  @Test
  void gridIndexPutsEveryComponentInItsRecordedGrid() {
    GridIndex index = GridIndex.build(demo.grids());
    ComponentTable components = demo.components();
    int mismatches = 0;
    for (int i = 0; i < components.size(); i++) {
      int at = index.locateIndex(components.lon(i), components.lat(i));
      GridCode located = at == GridIndex.NONE ? null : index.unitGrids().get(at).code();
      if (!java.util.Objects.equals(located, components.gridCode(i))) {
        mismatches++;
      }
    }
    assertThat(mismatches).isZero();
  }

  @Test
  void demoHasTheExpectedCounts() {
    assertThat(demo.code().digits()).isEqualTo("320509");
    assertThat(demo.name()).isEqualTo("吴江区");
    assertThat(demo.grids(GridLevel.DISTRICT)).hasSize(1);
    assertThat(demo.grids(GridLevel.STREET)).hasSize(14);
    assertThat(demo.grids(GridLevel.COMMUNITY)).hasSize(310);
    assertThat(demo.grids(GridLevel.UNIT)).hasSize(2_000);
    assertThat(demo.grids(GridLevel.SPECIAL)).isNotEmpty().hasSizeLessThan(40);
    assertThat(demo.components().size()).isEqualTo(20_000);
    assertThat(demo.grids().stream().map(Grid::code).distinct()).hasSize(demo.grids().size());
  }

  @Test
  void everyRealStreetAndCommunityIsPresentWithItsCodeAndName() {
    SeedDistrict seed = SeedData.load().district("320509");
    for (Division d : seed.streets()) {
      Grid g = byCode.get(d.code());
      assertThat(g).as("street %s", d.code()).isNotNull();
      assertThat(g.name()).isEqualTo(d.name());
      assertThat(g.level()).isEqualTo(GridLevel.STREET);
      assertThat(g.responsibleUnitId()).isEqualTo("U-" + d.code().digits());
    }
    for (Division d : seed.villages()) {
      Grid g = byCode.get(d.code());
      assertThat(g).as("community %s", d.code()).isNotNull();
      assertThat(g.name()).isEqualTo(d.name());
      assertThat(g.parent()).isEqualTo(d.parent());
      assertThat(g.level()).isEqualTo(GridLevel.COMMUNITY);
    }
    Set<String> unitIds = demo.units().stream().map(u -> u.id()).collect(Collectors.toSet());
    assertThat(demo.grids()).allMatch(g -> unitIds.contains(g.responsibleUnitId()));
    assertThat(unitIds)
        .contains(
            "U-320509-CENTRE",
            "U-320509-DRAIN",
            "U-320509-WATER",
            "U-320509-POWER",
            "U-320509-GAS",
            "U-320509-TRAFFIC",
            "U-320509-LIGHT",
            "U-320509-SANIT",
            "U-320509-GREEN",
            "U-320509-ROAD");
  }

  @Test
  void unitGridCodesAreWellFormedAndInsideTheirCommunity() {
    for (Grid g : demo.grids(GridLevel.UNIT)) {
      assertThat(g.code().isUnitGrid()).isTrue();
      assertThat(g.code().parent()).isEqualTo(g.parent());
      int seq = Integer.parseInt(g.code().digits().substring(12));
      assertThat(seq).isBetween(1, 899);
      Grid community = byCode.get(g.parent());
      assertThat(community.level()).isEqualTo(GridLevel.COMMUNITY);
      assertThat(community.geometry().covers(g.geometry()))
          .as("%s in its community", g.code())
          .isTrue();
    }
    for (Grid g : demo.grids(GridLevel.SPECIAL)) {
      assertThat(Integer.parseInt(g.code().digits().substring(12))).isGreaterThanOrEqualTo(901);
      assertThat(byCode.get(g.parent()).geometry().covers(g.geometry())).isTrue();
    }
  }

  @Test
  void unitGridsDoNotOverlap() {
    List<Grid> units = demo.grids(GridLevel.UNIT);
    STRtree tree = new STRtree();
    for (int i = 0; i < units.size(); i++) {
      tree.insert(units.get(i).geometry().getEnvelopeInternal(), i);
    }
    int pairs = 0;
    for (int i = 0; i < units.size(); i++) {
      Geometry a = units.get(i).geometry();
      for (Object o : tree.query(a.getEnvelopeInternal())) {
        int j = (Integer) o;
        if (j <= i) {
          continue;
        }
        pairs++;
        assertThat(a.relate(units.get(j).geometry(), "T********"))
            .as("%s overlaps %s", units.get(i).code(), units.get(j).code())
            .isFalse();
      }
    }
    assertThat(pairs).isGreaterThan(units.size());
    assertThat(units).allMatch(g -> g.geometry().isValid());
  }

  @Test
  void unitGridsCoverTheDistrictAndParentsAreUnionsOfChildren() {
    Geometry all =
        CoverageUnion.union(
            GF.createGeometryCollection(
                demo.grids(GridLevel.UNIT).stream().map(Grid::geometry).toArray(Geometry[]::new)));
    double unionKm2 = EllipsoidArea.squareKilometres(all);
    double boundaryKm2 = EllipsoidArea.squareKilometres(demo.boundary());
    assertThat(unionKm2).isCloseTo(boundaryKm2, offset(0.001));
    assertThat(all.symDifference(demo.districtGrid().geometry()).getArea()).isZero();
    assertThat(EllipsoidArea.squareKilometres(demo.districtGrid().geometry()))
        .isCloseTo(boundaryKm2, offset(0.001));

    Map<GridCode, Double> childArea = new HashMap<>();
    for (Grid g : demo.grids()) {
      if (g.level() != GridLevel.DISTRICT && g.level() != GridLevel.SPECIAL) {
        childArea.merge(g.parent(), g.geometry().getArea(), Double::sum);
      }
    }
    for (Grid g : demo.grids()) {
      if (g.level() != GridLevel.UNIT && g.level() != GridLevel.SPECIAL) {
        assertThat(childArea.get(g.code()))
            .as("children of %s", g.code())
            .isCloseTo(g.geometry().getArea(), offset(1e-12));
      }
    }
  }

  @Test
  void unitGridsAreNumberedWestToEastNorthToSouth() {
    Map<GridCode, List<Grid>> perCommunity = new HashMap<>();
    for (Grid g : demo.grids(GridLevel.UNIT)) {
      perCommunity.computeIfAbsent(g.parent(), k -> new ArrayList<>()).add(g);
    }
    // Typical north-south extent of a unit grid in degrees.
    double meanArea =
        demo.grids(GridLevel.UNIT).stream()
            .mapToDouble(g -> g.geometry().getArea())
            .average()
            .orElseThrow();
    double h = Math.sqrt(meanArea * Math.cos(Math.toRadians(31)));
    int sameRowPairs = 0;
    int sameRowEastward = 0;
    for (List<Grid> grids : perCommunity.values()) {
      grids.sort((a, b) -> a.code().compareTo(b.code()));
      for (int i = 0; i < grids.size(); i++) {
        Point a = grids.get(i).geometry().getCentroid();
        for (int j = i + 1; j < grids.size(); j++) {
          Point b = grids.get(j).geometry().getCentroid();
          assertThat(b.getY())
              .as(
                  "%s numbered after %s lies far north of it",
                  grids.get(j).code(), grids.get(i).code())
              .isLessThan(a.getY() + h);
        }
        if (i + 1 < grids.size()) {
          Point b = grids.get(i + 1).geometry().getCentroid();
          if (Math.abs(b.getY() - a.getY()) < 0.25 * h) {
            sameRowPairs++;
            if (b.getX() > a.getX()) {
              sameRowEastward++;
            }
          }
        }
      }
    }
    assertThat(sameRowPairs).isGreaterThan(100);
    assertThat((double) sameRowEastward / sameRowPairs).isGreaterThan(0.9);
  }

  @Test
  void componentsLieInTheirGridAndFollowTheDesignedMix() {
    ComponentTable t = demo.components();
    Map<GridCode, PreparedGeometry> prepared = new HashMap<>();
    for (Grid g : demo.grids(GridLevel.UNIT)) {
      prepared.put(g.code(), PreparedGeometryFactory.prepare(g.geometry()));
    }
    Map<String, Integer> perClass = new HashMap<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < t.size(); i++) {
      PreparedGeometry grid = prepared.get(t.gridCode(i));
      assertThat(grid).as("grid of component %d", i).isNotNull();
      assertThat(grid.contains(GF.createPoint(new Coordinate(t.lon(i), t.lat(i)))))
          .as("component %s in %s", t.codeText(i), t.gridCode(i))
          .isTrue();
      perClass.merge(t.classCode(i).code(), 1, Integer::sum);
      codes.add(t.codeText(i));
    }
    assertThat(codes).hasSize(t.size());
    int covers = 0;
    for (String c :
        List.of("0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108", "0111", "0112")) {
      covers += perClass.getOrDefault(c, 0);
    }
    double n = t.size();
    assertThat(covers / n).isBetween(0.50, 0.60);
    assertThat(perClass.get("0118") / n).isCloseTo(12 / 104.5, offset(0.015));
    assertThat(perClass.get("0402") / n).isCloseTo(14 / 104.5, offset(0.015));
    assertThat(perClass.get("0305") / n).isCloseTo(5 / 104.5, offset(0.01));
    assertThat(perClass.keySet()).contains("0113", "0136", "0209", "0213", "0117");

    long intact = t.stream().filter(c -> c.state() == ComponentState.INTACT).count();
    assertThat(intact / n).isBetween(0.95, 0.99);
    assertThat(t.stream().filter(c -> c.state() == ComponentState.DAMAGED).count()).isPositive();
    assertThat(t.stream().filter(c -> c.state() == ComponentState.MISSING).count()).isPositive();
  }

  @Test
  void ownersAreConsistentWithTheClass() {
    Map<String, String> ownerSuffix =
        Map.of(
            "0101", "-WATER",
            "0102", "-DRAIN",
            "0103", "-DRAIN",
            "0104", "-DRAIN",
            "0111", "-GAS",
            "0113", "-WATER",
            "0118", "-LIGHT",
            "0305", "-SANIT",
            "0402", "-GREEN",
            "0209", "-TRAFFIC");
    ComponentTable t = demo.components();
    for (int i = 0; i < t.size(); i++) {
      String cls = t.classCode(i).code();
      if (ownerSuffix.containsKey(cls)) {
        assertThat(t.ownerId(i)).as("owner of %s", cls).endsWith(ownerSuffix.get(cls));
      }
      if (cls.equals("0107")) {
        assertThat(t.ownerId(i)).matches("U-320509-(TELECOM|MOBILE|UNICOM)");
        assertThat(t.maintenanceUnitId(i)).isEqualTo(t.ownerId(i));
      }
      if (cls.equals("0113")) {
        assertThat(t.competentDeptId(i)).isEqualTo("U-320509-FIRE");
      }
      if (cls.equals("0136")) {
        assertThat(t.competentDeptId(i)).isEqualTo("U-320509-PSB");
      }
    }
  }

  @Test
  void devicesFitTheRightComponents() {
    ComponentTable t = demo.components();
    Map<String, String> classOf = new HashMap<>();
    int covers = 0;
    int lamps = 0;
    for (int i = 0; i < t.size(); i++) {
      classOf.put(t.codeText(i), t.classCode(i).code());
      String c = t.classCode(i).code();
      if (c.compareTo("0112") <= 0 && !c.equals("0104") && !c.equals("0111")) {
        covers++;
      }
      if (c.equals("0118")) {
        lamps++;
      }
    }
    Map<DeviceKind, Long> kinds =
        demo.devices().stream().collect(Collectors.groupingBy(Device::kind, Collectors.counting()));
    for (Device d : demo.devices()) {
      String c = classOf.get(d.componentCode().digits());
      assertThat(c).isNotNull();
      switch (d.kind()) {
        case COVER_TILT ->
            assertThat(c).isIn("0101", "0102", "0103", "0105", "0106", "0107", "0108", "0112");
        case LAMP_CONTROLLER -> assertThat(c).isEqualTo("0118");
        case WATER_LEVEL -> assertThat(c).isEqualTo("0104");
        case GAS_DETECTOR -> assertThat(c).isEqualTo("0111");
      }
      assertThat(d.secret()).matches("[0-9a-f]{32}");
    }
    assertThat(kinds.get(DeviceKind.COVER_TILT) / (double) covers).isCloseTo(0.05, offset(0.015));
    assertThat(kinds.get(DeviceKind.LAMP_CONTROLLER) / (double) lamps)
        .isCloseTo(0.20, offset(0.03));
    assertThat(kinds).containsKey(DeviceKind.WATER_LEVEL);
    assertThat(demo.devices().stream().map(Device::id).distinct()).hasSize(demo.devices().size());
  }
}
