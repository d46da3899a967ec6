package org.wangge.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassDefinition;
import org.wangge.geo.codes.ClassKind;

class RoutingRulesTest {

  private static final String HEADER =
      "kind,class,alarm,mode,department,on_site,deadline,basis,urgency,closure\n";
  private static final String DEFAULT_ROW = "*,*,,TERRITORIAL,,,PT48H,NATURAL,NORMAL,问题已处置\n";

  private final RoutingRules standard = RoutingRules.standard();

  @Test
  void everyCatalogueClassHasItsOwnStandardRule() {
    for (ClassKind kind : ClassKind.values()) {
      for (ClassDefinition def : ClassCatalogue.standard().all(kind)) {
        assertThat(standard.exact(kind, def.code(), null)).as(def.toString()).isPresent();
      }
    }
  }

  @Test
  void everyStandardRuleNamesACatalogueClass() {
    for (RoutingRule rule : standard.all()) {
      if (!rule.isDistrictDefault()) {
        assertThat(ClassCatalogue.standard().find(rule.kind(), rule.classCode()))
            .as(rule.key())
            .isPresent();
      }
    }
    assertThat(standard.all().get(0).isDistrictDefault()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "EVENT,     0102, ,                 TERRITORIAL, ,                     ,      PT4H,  WORKING, NORMAL",
    "EVENT,     0404, ,                 VERTICAL,    dept:drainage,        PT2H,  PT24H, NATURAL, URGENT",
    "EVENT,     0505, ,                 VERTICAL,    dept:traffic-police,  ,      PT2H,  NATURAL, NORMAL",
    "COMPONENT, 0101, ,                 OWNERSHIP,   dept:water-supply,    PT2H,  PT6H,  NATURAL, URGENT",
    "COMPONENT, 0101, COVER_TILT,       OWNERSHIP,   dept:water-supply,    PT2H,  PT6H,  NATURAL, URGENT",
    "COMPONENT, 0102, WATER_LEVEL_HIGH, VERTICAL,    dept:drainage,        PT1H,  PT6H,  NATURAL, URGENT",
    "COMPONENT, 0111, GAS_LEAK,         OWNERSHIP,   dept:gas,             PT30M, PT2H,  NATURAL, EMERGENCY",
    "COMPONENT, 0118, LAMP_FAULT,       OWNERSHIP,   dept:street-lighting, ,      PT24H, NATURAL, NORMAL",
    "COMPONENT, 0209, ,                 VERTICAL,    dept:traffic-police,  ,      PT24H, NATURAL, NORMAL",
    "COMPONENT, 0214, ,                 VERTICAL,    dept:traffic-police,  PT1H,  PT4H,  NATURAL, URGENT",
    "COMPONENT, 0126, ,                 TERRITORIAL, ,                     ,      PT48H, NATURAL, NORMAL",
  })
  void shipsTheDomainDefaults(
      ClassKind kind,
      String code,
      String alarm,
      RoutingMode mode,
      String role,
      Duration onSite,
      Duration deadline,
      TimeLimit.Basis basis,
      Urgency urgency) {
    RoutingRule rule =
        standard.find(kind, ClassCode.parse(code), alarm == null ? null : AlarmType.parse(alarm));

    assertThat(rule.mode()).isEqualTo(mode);
    assertThat(rule.departmentRole()).isEqualTo(role);
    assertThat(rule.onSite()).isEqualTo(onSite == null ? null : new TimeLimit(onSite, basis));
    assertThat(rule.deadline()).isEqualTo(new TimeLimit(deadline, basis));
    assertThat(rule.urgency()).isEqualTo(urgency);
    assertThat(rule.closureStandard()).isNotBlank();
  }

  @Test
  void ownedCoversGoByOwnershipOnSiteIn2hRepairedIn6h() {
    ClassCatalogue.standard().all(ClassKind.COMPONENT).stream()
        .filter(ClassDefinition::manholeCover)
        .filter(d -> !d.code().code().equals("0114"))
        .forEach(
            cover -> {
              RoutingRule rule = standard.find(ClassKind.COMPONENT, cover.code(), null);
              assertThat(rule.mode()).as(cover.toString()).isEqualTo(RoutingMode.OWNERSHIP);
              assertThat(rule.onSite()).as(cover.toString()).isEqualTo(TimeLimit.naturalHours(2));
              assertThat(rule.deadline()).as(cover.toString()).isEqualTo(TimeLimit.naturalHours(6));
            });
  }

  @ParameterizedTest(name = "{0} {1} {2} → {3}")
  @CsvSource({
    "COMPONENT, 0101,  COVER_TILT, class-0101-tilt",
    "COMPONENT, 0101,  COVER_OPEN, class-0101",
    "COMPONENT, 0101,  ,           class-0101",
    "COMPONENT, 01001, COVER_TILT, class-0101-tilt",
    "COMPONENT, 01001, ,           class-0101",
    "COMPONENT, 01002, COVER_TILT, class-01002",
    "COMPONENT, 0102,  COVER_TILT, major-01",
    "COMPONENT, 0102,  ,           major-01",
    "COMPONENT, 0201,  ,           default",
    "COMPONENT, 21,    ,           default",
    "EVENT,     0101,  COVER_TILT, event-major-01",
    "EVENT,     0201,  ,           default",
  })
  void looksUpClassAndAlarmThenClassThenMajorThenDefault(
      ClassKind kind, String code, String alarm, String expected) throws Exception {
    RoutingRules rules;
    try (Reader r = resource("lookup-order.csv")) {
      rules = RoutingRules.load(r, "lookup-order.csv");
    }

    RoutingRule rule =
        rules.find(kind, ClassCode.parse(code), alarm == null ? null : AlarmType.parse(alarm));

    assertThat(rule.closureStandard()).isEqualTo(expected);
  }

  @Test
  void overridesReplaceMatchingRulesAndLeaveTheRest() {
    String csv =
        HEADER
            + "event,0102,,TERRITORIAL,,,PT2H,WORKING,URGENT,垃圾清运干净\n"
            + "component,0305,OFFLINE,VERTICAL,dept:sanitation,,PT24H,NATURAL,NORMAL,设备上线\n";

    RoutingRules local = standard.withOverrides(new StringReader(csv), "local.csv");

    RoutingRule garbage = local.find(ClassKind.EVENT, ClassCode.parse("0102"), null);
    assertThat(garbage.deadline()).isEqualTo(TimeLimit.workingHours(2));
    assertThat(garbage.urgency()).isEqualTo(Urgency.URGENT);
    assertThat(local.find(ClassKind.COMPONENT, ClassCode.parse("0305"), AlarmType.OFFLINE).mode())
        .isEqualTo(RoutingMode.VERTICAL);
    assertThat(local.find(ClassKind.COMPONENT, ClassCode.parse("0305"), null).mode())
        .isEqualTo(RoutingMode.OWNERSHIP);
    assertThat(local.all()).hasSize(standard.all().size() + 1);
    assertThat(standard.find(ClassKind.EVENT, ClassCode.parse("0102"), null).deadline())
        .isEqualTo(TimeLimit.workingHours(4));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "component,0101,,SIDEWAYS,,,PT6H,NATURAL,URGENT,x                    | 'SIDEWAYS'",
        "component,0101,,VERTICAL,,,PT6H,NATURAL,URGENT,x                    | needs a department role",
        "component,0101,,TERRITORIAL,dept:drainage,,PT6H,NATURAL,URGENT,x    | names no department",
        "component,0101,,OWNERSHIP,dept:Drainage,,PT6H,NATURAL,URGENT,x      | 'dept:Drainage'",
        "component,0101,,OWNERSHIP,,,6 hours,NATURAL,URGENT,x                | '6 hours'",
        "component,0101,,OWNERSHIP,,,-PT6H,NATURAL,URGENT,x                  | must be positive",
        "component,0101,,OWNERSHIP,,,PT6H30S,NATURAL,URGENT,x                | whole minutes",
        "component,0101,,OWNERSHIP,,,PT6H,LUNAR,URGENT,x                     | 'LUNAR'",
        "component,0101,,OWNERSHIP,,,PT6H,NATURAL,PANIC,x                    | 'PANIC'",
        "component,0101,,OWNERSHIP,,,PT6H,NATURAL,URGENT,                    | closure standard",
        "component,0101,,OWNERSHIP,,PT8H,PT6H,NATURAL,URGENT,x               | exceeds the deadline",
        "component,01x1,,OWNERSHIP,,,PT6H,NATURAL,URGENT,x                   | '01x1'",
        "component,0101,cover tilt,OWNERSHIP,,,PT6H,NATURAL,URGENT,x         | 'COVER TILT'",
        "*,0101,,OWNERSHIP,,,PT6H,NATURAL,URGENT,x                           | * for both",
        "thing,0101,,OWNERSHIP,,,PT6H,NATURAL,URGENT,x                       | 'thing'",
        "component,0101,,OWNERSHIP,,,PT6H,NATURAL,URGENT                     | 9 fields",
        "*,*,,TERRITORIAL,,,PT24H,NATURAL,NORMAL,x                           | already on line 2",
      })
  void badRuleLinesAreRejectedWithTheirLineNumber(String row, String fragment) {
    String csv = HEADER + DEFAULT_ROW + "# local rules\n" + row + "\n";

    assertThatThrownBy(() -> RoutingRules.load(new StringReader(csv), "rules.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.csv line 4")
        .hasMessageContaining(fragment.strip());
  }

  @Test
  void aTableNeedsADistrictDefault() {
    String csv = HEADER + "event,0102,,TERRITORIAL,,,PT4H,WORKING,NORMAL,x\n";

    assertThatThrownBy(() -> RoutingRules.load(new StringReader(csv), "rules.csv"))
        .hasMessageContaining("district default");
  }

  private Reader resource(String name) {
    return new InputStreamReader(getClass().getResourceAsStream(name), StandardCharsets.UTF_8);
  }
}
