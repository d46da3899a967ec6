package org.wangge.bench.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlarmMixTest {

  private static List<AlarmKey> keys(String prefix, int n) {
    List<AlarmKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(new AlarmKey(prefix + i, "C" + prefix + i, "COVER_TILT"));
    }
    return keys;
  }

  @Test
  void everyTenthMessageOpensACaseWhenSomeKeyIsActive() {
    AlarmMix mix = new AlarmMix(keys("F", 1000), keys("A", 5), 0.10, 1);
    int opened = 0;
    for (int i = 0; i < 10_000; i++) {
      AlarmMix.Pick pick = mix.next();
      boolean expectedNew = i % 10 == 9;
      assertThat(pick.opensCase()).as("message %d", i).isEqualTo(expectedNew);
      opened += pick.opensCase() ? 1 : 0;
    }
    assertThat(opened).isEqualTo(1000);
    assertThat(mix.freshLeft()).isZero();
    assertThat(AlarmMix.newKeysNeeded(10_000, 0.10)).isEqualTo(1000);
  }

  @Test
  void aFreshDatabaseStartsWithANewCase() {
    AlarmMix mix = new AlarmMix(keys("F", 10), List.of(), 0.10, 1);
    assertThat(mix.next().opensCase()).isTrue();
    assertThat(mix.next().opensCase()).isFalse();
  }

  @Test
  void repeatsOnlyUseKeysWithAnActiveCaseAndNewKeysAreNeverReused() {
    List<AlarmKey> fresh = keys("F", 500);
    List<AlarmKey> active = keys("A", 3);
    AlarmMix mix = new AlarmMix(fresh, active, 0.25, 7);
    Set<String> activeNow = new HashSet<>();
    active.forEach(k -> activeNow.add(k.caseKey()));
    Set<String> opened = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      AlarmMix.Pick pick = mix.next();
      if (pick.opensCase()) {
        assertThat(activeNow.add(pick.key().caseKey())).isTrue();
        assertThat(opened.add(pick.key().caseKey())).isTrue();
      } else {
        assertThat(activeNow).contains(pick.key().caseKey());
      }
    }
    assertThat(opened).hasSize(500);
  }

  @Test
  void runningOutOfNewKeysFailsClearly() {
    AlarmMix mix = new AlarmMix(keys("F", 1), List.of(), 0.5, 1);
    assertThat(mix.next().opensCase()).isTrue();
    // Message 1 of a 50% mix is new again: no key is left for it.
    assertThatThrownBy(mix::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--close-open-cases");
  }

  @Test
  void freshKeysSkipActiveCasesAndShareOneKeyPerComponent() {
    Fleet fleet =
        new Fleet(
            List.of(
                new FleetDevice("TILT-1", "COVER_TILT", "C1"),
                new FleetDevice("TILT-2", "COVER_TILT", "C1"),
                new FleetDevice("LAMP-1", "LAMP_CONTROLLER", null)),
            List.of(new AlarmKey("TILT-1", "C1", "COVER_TILT")));
    List<AlarmKey> fresh = fleet.freshKeys(1);
    Set<String> caseKeys = new HashSet<>();
    fresh.forEach(k -> caseKeys.add(k.caseKey()));
    assertThat(caseKeys)
        .hasSize(fresh.size())
        .doesNotContain("C1|COVER_TILT")
        .contains("C1|COVER_OPEN", "device:LAMP-1|LAMP_FAULT");
    // 5 cover types on one component minus the active one, plus 3 lamp types.
    assertThat(fresh).hasSize(4 + 3);
  }
}
