package org.wangge.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassKind;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.codes.internal.CsvTable;
import org.wangge.geo.component.Component;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.unit.Unit;

class RouterTest {

  private static final String CENTRE = "U-CENTRE";
  private static final Grid SONGLING_001 = grid("U-SONGLING");

  private final DepartmentRoles wujiang = departments();
  private final Router router = Router.of(RoutingRules.standard(), wujiang).withUnits(units());

  @Test
  void territorialEventGoesToTheGridsResponsibleUnit() {
    Assignment a = router.route(Incident.event(ClassCode.parse("0102"), SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-SONGLING");
    assertThat(a.mode()).isEqualTo(RoutingMode.TERRITORIAL);
    assertThat(a.gridCode()).isEqualTo(GridCode.parse("320509001001001"));
    assertThat(a.deadline()).isEqualTo(TimeLimit.workingHours(4));
    assertThat(a.urgency()).isEqualTo(Urgency.NORMAL);
    assertThat(a.flagged()).isFalse();
    assertThat(a.explanationZh())
        .contains("属地")
        .contains("320509001001001")
        .contains("U-SONGLING（松陵街道办事处）");
    assertThat(a.explanationEn())
        .contains("territorial")
        .contains("U-SONGLING (松陵街道办事处)")
        .contains("4 h of working time");
  }

  @ParameterizedTest(name = "{0} {1} → {3}")
  @CsvSource({
    "EVENT,     0404, dept:drainage,       U-DRAINAGE, 吴江区排水管理办公室",
    "EVENT,     0406, dept:drainage,       U-DRAINAGE, 吴江区排水管理办公室",
    "EVENT,     0505, dept:traffic-police, U-TRAFFIC,  吴江交警大队",
    "COMPONENT, 0214, dept:traffic-police, U-TRAFFIC,  吴江交警大队",
    "COMPONENT, 0209, dept:traffic-police, U-TRAFFIC,  吴江交警大队",
  })
  void verticalMattersGoToTheDistrictsDepartment(
      ClassKind kind, String code, String role, String unit, String name) {
    Assignment a =
        router.route(new Incident(kind, ClassCode.parse(code), null, null, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo(unit);
    assertThat(a.mode()).isEqualTo(RoutingMode.VERTICAL);
    assertThat(a.flagged()).isFalse();
    assertThat(a.explanationZh()).contains(role).contains(unit + "（" + name + "）");
    assertThat(a.explanationEn())
        .contains("vertical")
        .contains(role)
        .contains(unit + " (" + name + ")");
  }

  @Test
  void componentFaultGoesToTheMaintenanceUnitNotTheGrid() {
    Component cover = component("0102", "U-WATER-BUREAU", "U-WATER-CO", "U-DRAIN-MAINT");

    Assignment a =
        router.route(Incident.componentFault(cover, AlarmType.COVER_TILT, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-DRAIN-MAINT");
    assertThat(a.mode()).isEqualTo(RoutingMode.OWNERSHIP);
    assertThat(a.flagged()).isFalse();
    assertThat(a.urgency()).isEqualTo(Urgency.URGENT);
    assertThat(a.rule().onSite()).isEqualTo(TimeLimit.naturalHours(2));
    assertThat(a.deadline()).isEqualTo(TimeLimit.naturalHours(6));
    assertThat(a.explanationZh()).contains("部件故障，按权属路由到养护单位 U-DRAIN-MAINT（苏州市吴江排水管理处）");
    assertThat(a.explanationEn())
        .contains(
            "component fault: routed by ownership to maintenance unit U-DRAIN-MAINT (苏州市吴江排水管理处)");
  }

  @ParameterizedTest(name = "maintenance ''{0}'', owner ''{1}'' → {2}")
  @CsvSource({
    "U-DRAIN-MAINT, U-WATER-CO, U-DRAIN-MAINT,  '',                             养护单位",
    "'',            U-WATER-CO, U-WATER-CO,     NO_MAINTENANCE_UNIT,            权属单位",
    "'  ',          U-WATER-CO, U-WATER-CO,     NO_MAINTENANCE_UNIT,            权属单位",
    "'',            '',         U-WATER-BUREAU, NO_MAINTENANCE_UNIT NO_OWNER,   主管部门",
  })
  void ownershipFallsBackToOwnerThenCompetentDepartment(
      String maintenance, String owner, String expectedUnit, String flags, String roleZh) {
    Component cover =
        component("0101", "U-WATER-BUREAU", owner.isEmpty() ? null : owner, maintenance);

    Assignment a = router.route(Incident.componentFault(cover, null, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo(expectedUnit);
    assertThat(a.flags()).isEqualTo(flags(flags));
    assertThat(a.explanationZh()).contains(roleZh + " " + expectedUnit);
    assertThat(a.explanationEn()).contains(expectedUnit);
  }

  @Test
  void componentOwnershipOverridesTerritory() {
    Component fitness = component("0126", "U-WATER-BUREAU", null, "U-SPORTS-MAINT");

    Assignment a = router.route(Incident.componentFault(fitness, null, SONGLING_001, CENTRE));

    assertThat(a.rule().mode()).isEqualTo(RoutingMode.TERRITORIAL);
    assertThat(a.mode()).isEqualTo(RoutingMode.OWNERSHIP);
    assertThat(a.unitId()).isEqualTo("U-SPORTS-MAINT");
    assertThat(a.flagged()).isFalse();
    assertThat(a.explanationZh()).contains("优先于属地").contains("U-SPORTS-MAINT（吴江体育设施养护公司）");
    assertThat(a.explanationEn()).contains("overrides territory");
  }

  @Test
  void aComponentWithOnlyACompetentDepartmentDoesNotOverrideTerritory() {
    Component fitness = component("0126", "U-WATER-BUREAU", null, null);

    Assignment a = router.route(Incident.componentFault(fitness, null, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-SONGLING");
    assertThat(a.mode()).isEqualTo(RoutingMode.TERRITORIAL);
  }

  @Test
  void ownershipDoesNotOverrideAVerticalRule() {
    Component signal = component("0214", "U-TRAFFIC", "U-WATER-CO", "U-SPORTS-MAINT");

    Assignment a = router.route(Incident.componentFault(signal, null, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-TRAFFIC");
    assertThat(a.mode()).isEqualTo(RoutingMode.VERTICAL);
  }

  @Test
  void anAlarmSpecificRuleBeatsTheClassRule() {
    Component sewer = component("0102", "U-WATER-BUREAU", "U-WATER-CO", "U-DRAIN-MAINT");

    Assignment a =
        router.route(
            Incident.componentFault(sewer, AlarmType.WATER_LEVEL_HIGH, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-DRAINAGE");
    assertThat(a.rule().alarmType()).isEqualTo(AlarmType.WATER_LEVEL_HIGH);
  }

  @Test
  void gasLeakIsAnEmergencyForTheGasCompany() {
    Component gas = component("0111", "U-WATER-BUREAU", "U-GAS-CO", null);

    Assignment a =
        router.route(Incident.componentFault(gas, AlarmType.GAS_LEAK, SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-GAS-CO");
    assertThat(a.urgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(a.flags()).containsExactly(RoutingFlag.NO_MAINTENANCE_UNIT);
  }

  @Test
  void a17DigitComponentCodeRoutesByItsShortClass() {
    Component cover =
        new Component(
            ComponentCode.parse("32050901002000001"),
            null,
            "污水井盖",
            LonLat.of(120.64, 31.16),
            ComponentState.DAMAGED,
            "U-WATER-BUREAU",
            "U-WATER-CO",
            "U-DRAIN-MAINT",
            SONGLING_001.code());

    Assignment a = router.route(Incident.componentFault(cover, null, SONGLING_001, CENTRE));

    assertThat(a.rule().classCode()).isEqualTo(ClassCode.parse("0102"));
    assertThat(a.unitId()).isEqualTo("U-DRAIN-MAINT");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"EVENT, 0102", "EVENT, 0404", "COMPONENT, 0102"})
  void outsideEveryGridGoesToTheDistrictCentreFlagged(ClassKind kind, String code) {
    Component component =
        kind == ClassKind.COMPONENT
            ? component(code, "U-WATER-BUREAU", "U-WATER-CO", "U-DRAIN-MAINT")
            : null;

    Assignment a =
        router.route(new Incident(kind, ClassCode.parse(code), null, component, null, CENTRE));

    assertThat(a.unitId()).isEqualTo(CENTRE);
    assertThat(a.gridCode()).isNull();
    assertThat(a.flags()).contains(RoutingFlag.OUTSIDE_GRIDS);
    assertThat(a.explanationZh()).contains("不在任何单元网格内").contains("U-CENTRE（吴江区城市管理指挥中心）");
    assertThat(a.explanationEn()).contains("outside every unit grid").contains("U-CENTRE");
  }

  @Test
  void outsideTheGridsTheExplanationNamesTheUnitTheRuleWouldHaveChosen() {
    Component cover = component("0102", "U-WATER-BUREAU", "U-WATER-CO", "U-DRAIN-MAINT");

    Assignment a = router.route(Incident.componentFault(cover, null, null, CENTRE));

    assertThat(a.unitId()).isEqualTo(CENTRE);
    assertThat(a.explanationZh()).contains("本应交 U-DRAIN-MAINT");
    assertThat(a.explanationEn()).contains("would have chosen U-DRAIN-MAINT");
  }

  @Test
  void aVerticalRoleWithoutMappingGoesToTheCentreFlagged() {
    Router bare = Router.of(RoutingRules.standard(), DepartmentRoles.none()).withUnits(units());

    Assignment a = bare.route(Incident.event(ClassCode.parse("0404"), SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo(CENTRE);
    assertThat(a.mode()).isEqualTo(RoutingMode.VERTICAL);
    assertThat(a.gridCode()).isEqualTo(SONGLING_001.code());
    assertThat(a.flags()).containsExactly(RoutingFlag.NO_DEPARTMENT_MAPPING);
    assertThat(a.explanationZh()).contains("dept:drainage").contains("U-CENTRE（吴江区城市管理指挥中心）");
    assertThat(a.explanationEn()).contains("maps no unit to department role dept:drainage");
  }

  @Test
  void anOwnershipFaultWithoutComponentGoesToTheRulesDepartment() {
    Assignment a =
        router.route(Incident.componentFault(ClassCode.parse("0102"), SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-DRAINAGE");
    assertThat(a.flags()).containsExactly(RoutingFlag.NO_COMPONENT);
  }

  @Test
  void anOwnershipFaultWithoutComponentOrDepartmentFallsBackToTerritory() {
    Assignment a =
        router.route(Incident.componentFault(ClassCode.parse("0121"), SONGLING_001, CENTRE));

    assertThat(a.unitId()).isEqualTo("U-SONGLING");
    assertThat(a.mode()).isEqualTo(RoutingMode.TERRITORIAL);
    assertThat(a.flags()).containsExactly(RoutingFlag.NO_COMPONENT);
  }

  @Test
  void aGridWithoutResponsibleUnitGoesToTheCentreFlagged() {
    Assignment a = router.route(Incident.event(ClassCode.parse("0102"), grid(null), CENTRE));

    assertThat(a.unitId()).isEqualTo(CENTRE);
    assertThat(a.flags()).containsExactly(RoutingFlag.GRID_WITHOUT_UNIT);
  }

  @ParameterizedTest(name = "event {0} → {1}")
  @CsvSource({"0599, '', 05", "0199, '', 01", "0601, DEFAULT_RULE, "})
  void unlistedClassesUseTheirMajorThenTheDistrictDefault(
      String code, String flags, String ruleClass) {
    Assignment a = router.route(Incident.event(ClassCode.parse(code), SONGLING_001, CENTRE));

    assertThat(a.flags()).isEqualTo(flags(flags));
    assertThat(a.rule().classCode())
        .isEqualTo(ruleClass == null ? null : ClassCode.parse(ruleClass));
    assertThat(a.unitId()).isEqualTo("U-SONGLING");
  }

  @Test
  void anIncidentWhoseClassDisagreesWithItsComponentIsRejected() {
    Component cover = component("0102", "U-WATER-BUREAU", null, null);

    assertThatThrownBy(
            () ->
                new Incident(
                    ClassKind.COMPONENT,
                    ClassCode.parse("0118"),
                    null,
                    cover,
                    SONGLING_001,
                    CENTRE))
        .hasMessageContaining("0118")
        .hasMessageContaining("0102");
  }

  @Test
  void assignmentFlagsCannotBeChanged() {
    Assignment a = router.route(Incident.event(ClassCode.parse("0102"), null, CENTRE));

    assertThatThrownBy(() -> a.flags().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  private static Set<RoutingFlag> flags(String names) {
    return names == null || names.isBlank()
        ? Set.of()
        : Stream.of(names.split(" "))
            .map(RoutingFlag::valueOf)
            .collect(java.util.stream.Collectors.toSet());
  }

  private static Component component(
      String classCode, String competent, String owner, String maintenance) {
    return new Component(
        ComponentCode.parse("320509" + classCode + "000001"),
        null,
        "fixture",
        LonLat.of(120.64, 31.16),
        ComponentState.DAMAGED,
        competent,
        owner,
        maintenance,
        SONGLING_001.code());
  }

  private static Grid grid(String responsibleUnitId) {
    GeometryFactory gf = new GeometryFactory();
    Polygon square =
        gf.createPolygon(
            new Coordinate[] {
              new Coordinate(120.63, 31.15),
              new Coordinate(120.65, 31.15),
              new Coordinate(120.65, 31.17),
              new Coordinate(120.63, 31.17),
              new Coordinate(120.63, 31.15)
            });
    return new Grid(
        GridCode.parse("320509001001001"),
        "松陵一号网格",
        GridLevel.UNIT,
        GridCode.parse("320509001001"),
        square,
        responsibleUnitId);
  }

  private static List<Unit> units() {
    return CsvTable.readResource(RouterTest.class, "units.csv", List.of("id", "name", "kind"))
        .stream()
        .map(r -> new Unit(r.get("id"), r.get("name"), Unit.UnitKind.valueOf(r.get("kind"))))
        .toList();
  }

  private static DepartmentRoles departments() {
    try (Reader r =
        new InputStreamReader(
            RouterTest.class.getResourceAsStream("departments.csv"), StandardCharsets.UTF_8)) {
      return DepartmentRoles.load(r, "departments.csv");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
