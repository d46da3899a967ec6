package org.wangge.bench.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wangge.bench.alarms.Accounting.Row;
import org.wangge.bench.alarms.NumberedPlan.Entry;
import org.wangge.bench.alarms.NumberedPlan.Expect;

class AccountingTest {

  private static List<Entry> plan() {
    List<FleetDevice> devices = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      devices.add(new FleetDevice("TILT-320509-" + i, "COVER_TILT", "C" + i));
    }
    Fleet fleet = new Fleet(devices, List.of());
    AlarmMix mix = new AlarmMix(fleet.freshKeys(1), List.of(), 0.10, 1);
    return NumberedPlan.build("N1", 1000, 97, 101, mix, devices);
  }

  private static Map<String, Row> byCheck(Accounting a) {
    return a.rows().stream().collect(Collectors.toMap(Row::check, r -> r));
  }

  @Test
  void thePlanMixesAlarmsUnknownDevicesAndMalformedMessagesByNumber() {
    List<Entry> plan = plan();
    assertThat(plan).hasSize(1000);
    assertThat(plan.get(96).expect()).isEqualTo(Expect.DEAD_LETTER);
    assertThat(plan.get(100).expect()).isEqualTo(Expect.QUARANTINE);
    assertThat(plan.get(100).deviceId()).isEqualTo("TILT-999999-000101");
    assertThat(plan.stream().filter(e -> e.expect() == Expect.DEAD_LETTER)).hasSize(10);
    assertThat(plan.stream().filter(e -> e.expect() == Expect.QUARANTINE)).hasSize(9);
    assertThat(NumberedPlan.number("N1", "{\"alarmId\":\"N1-977\",\"type\":\"COVER_"))
        .isEqualTo(977);
    assertThat(NumberedPlan.number("N1", "sha256:abc")).isEqualTo(-1);
  }

  @Test
  void everyNumberOnceInItsTablePasses() {
    List<Entry> plan = plan();
    Accounting a = new Accounting(plan);
    plan.forEach(e -> a.found(e.expect(), e.number()));
    assertThat(a.rows()).allMatch(Row::pass);
    assertThat(a.distinctCaseKeys()).isBetween(1L, 981L);
  }

  @Test
  void lossDuplicatesMisplacementAndStrangersAreEachCounted() {
    List<Entry> plan = plan();
    Accounting a = new Accounting(plan);
    for (Entry e : plan) {
      switch ((int) e.number()) {
        case 1 -> {} // lost
        case 2 -> {
          a.found(Expect.ALARM, 2);
          a.found(Expect.DEAD_LETTER, 2); // twice
        }
        case 3 -> a.found(Expect.QUARANTINE, 3); // wrong table
        default -> a.found(e.expect(), e.number());
      }
    }
    a.found(Expect.DEAD_LETTER, -1);
    Map<String, Row> rows = byCheck(a);
    assertThat(rows.get("numbers found nowhere (lost)").actual()).isEqualTo(1);
    assertThat(rows.get("numbers stored more than once").actual()).isEqualTo(1);
    assertThat(rows.get("numbers in the wrong table").actual()).isEqualTo(1);
    assertThat(rows.get("rows with the prefix but no planned number").actual()).isEqualTo(1);
    Row alarms = rows.get("alarms stored once in alarm");
    assertThat(alarms.expected() - alarms.actual()).isEqualTo(3);
    assertThat(alarms.pass()).isFalse();
  }

  @Test
  void theManifestReadsBackAsWritten(@TempDir Path dir) {
    List<Entry> plan = plan();
    Path file = dir.resolve("run.tsv");
    NumberedPlan.write(file, plan);
    assertThat(NumberedPlan.read(file)).isEqualTo(plan);
  }
}
