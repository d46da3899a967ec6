package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots prepared by imports: rebuilt only when something changes, never stale. */
class ComponentStorePrepareTest {

  private static ComponentRow row(String code, String state) {
    return row(code, state, 120.5, 31.0);
  }

  private static ComponentRow row(String code, String state, double lon, double lat) {
    return new ComponentRow(
        code, "0101", "井盖", lon, lat, state, null, null, null, null, null, null);
  }

  private final ComponentStore store = new ComponentStore(null);

  @Test
  void aFirstLoadIsSortedByCodeAndFindable() {
    var pending =
        store.prepare(
            List.of(row("3205090101000002", "INTACT"), row("3205090101000001", "INTACT")));
    var s = store.install(pending);
    assertThat(s.rows())
        .extracting(ComponentRow::code)
        .containsExactly("3205090101000001", "3205090101000002");
    assertThat(s.byCode("3205090101000002")).isEqualTo(row("3205090101000002", "INTACT"));
    assertThat(s.index().size()).isEqualTo(2);
  }

  @Test
  void aReimportThatChangesNothingKeepsTheSnapshot() {
    var first =
        store.install(
            store.prepare(
                List.of(row("3205090101000001", "INTACT"), row("3205090101000002", "INTACT"))));
    var again =
        store.prepare(
            List.of(row("3205090101000002", "INTACT"), row("3205090101000001", "INTACT")));
    assertThat(again.next()).isSameAs(first);
    assertThat(store.install(again)).isSameAs(first);
  }

  @Test
  void oneChangedOrNewRowRebuilds() {
    store.install(
        store.prepare(
            List.of(row("3205090101000001", "INTACT"), row("3205090101000002", "INTACT"))));
    var changed =
        store.install(
            store.prepare(
                List.of(row("3205090101000001", "DAMAGED"), row("3205090101000002", "INTACT"))));
    assertThat(changed.byCode("3205090101000001").state()).isEqualTo("DAMAGED");
    var added = store.install(store.prepare(List.of(row("3205090101000003", "INTACT"))));
    assertThat(added.rows()).hasSize(3);
  }

  @Test
  void anEditKeepsTheEncodedFeaturesOfTheChunksItDoesNotTouch() {
    List<ComponentRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i <= FeatureBytes.CHUNK; i++) {
      rows.add(row(String.format("3205090101%06d", i), "INTACT"));
    }
    var first = store.install(store.prepare(rows));
    first.featureJson(0);
    first.featureJson(FeatureBytes.CHUNK);
    assertThat(first.features().encodedChunks()).isEqualTo(2);
    ComponentRow last = rows.get(FeatureBytes.CHUNK);
    var edited = store.apply(List.of(row(last.code(), "DAMAGED")), List.of());
    assertThat(edited.features().encodedChunks()).isEqualTo(1);
    assertThat(
            new String(
                edited.featureJson(FeatureBytes.CHUNK), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"DAMAGED\"");
    assertThat(edited.featureJson(3)).isEqualTo(first.featureJson(3));
  }

  @Test
  void anUnchangedImportOverAWriteThatCameBetweenIsAppliedOnTopOfIt() {
    store.install(store.prepare(List.of(row("3205090101000001", "INTACT"))));
    // the import finds nothing to change, then another write changes the row before it installs
    var unchanged = store.prepare(List.of(row("3205090101000001", "INTACT")));
    store.apply(List.of(row("3205090101000001", "DAMAGED")), List.of());
    var s = store.install(unchanged);
    // the import committed last: its row (as the database now holds it) is what the store shows
    assertThat(s.byCode("3205090101000001").state()).isEqualTo("INTACT");
  }

  @Test
  void anEditThatMovesNothingKeepsEveryIdAndSharesTheIndex() {
    var first =
        store.install(
            store.prepare(
                List.of(
                    row("3205090101000001", "INTACT"),
                    row("3205090101000002", "INTACT"),
                    row("3205090101000003", "INTACT"))));
    var edited = store.apply(List.of(row("3205090101000002", "DAMAGED")), List.of());
    assertThat(edited.index()).isSameAs(first.index());
    assertThat(edited.ids()).isSameAs(first.ids());
    assertThat(edited.rows())
        .extracting(ComponentRow::state)
        .containsExactly("INTACT", "DAMAGED", "INTACT");
    assertThat(edited.rows().get(0)).isSameAs(first.rows().get(0));
    assertThat(store.snapshot()).isSameAs(edited);
    assertThat(first.byCode("3205090101000002").state()).isEqualTo("INTACT");
  }

  @Test
  void anEditThatMovesAComponentRebuildsTheIndexSoTheBoxFindsItWhereItIsNow() {
    var first =
        store.install(
            store.prepare(
                List.of(row("3205090101000001", "INTACT"), row("3205090101000002", "INTACT"))));
    ComponentRow moved = row("3205090101000002", "INTACT", 120.6, 31.1);
    var edited = store.apply(List.of(moved), List.of());
    assertThat(edited.index()).isNotSameAs(first.index());
    int[] there = edited.index().bbox(120.59, 31.09, 120.61, 31.11);
    assertThat(there).hasSize(1);
    assertThat(edited.rows().get(there[0])).isEqualTo(moved);
    int[] here = edited.index().bbox(120.49, 30.99, 120.51, 31.01);
    assertThat(here).hasSize(1);
    assertThat(edited.rows().get(here[0]).code()).isEqualTo("3205090101000001");
  }

  @Test
  void aBatchWithOneNewCodeOrADeleteRebuilds() {
    var first =
        store.install(
            store.prepare(
                List.of(row("3205090101000001", "INTACT"), row("3205090101000003", "INTACT"))));
    var added =
        store.apply(
            List.of(row("3205090101000001", "DAMAGED"), row("3205090101000002", "INTACT")),
            List.of());
    assertThat(added.index()).isNotSameAs(first.index());
    assertThat(added.rows())
        .extracting(r -> r.code() + " " + r.state())
        .containsExactly(
            "3205090101000001 DAMAGED", "3205090101000002 INTACT", "3205090101000003 INTACT");
    var deleted =
        store.apply(List.of(row("3205090101000003", "LOST")), List.of("3205090101000001"));
    assertThat(deleted.rows())
        .extracting(r -> r.code() + " " + r.state())
        .containsExactly("3205090101000002 INTACT", "3205090101000003 LOST");
    assertThat(deleted.byCode("3205090101000003")).isSameAs(deleted.rows().get(1));
    assertThat(deleted.index().size()).isEqualTo(2);
  }
}
