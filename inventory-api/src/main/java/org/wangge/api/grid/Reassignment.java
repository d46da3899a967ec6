package org.wangge.api.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wangge.geo.index.GridIndex;

/**
 * Which unit grid each component falls in under a new grid set, and how that differs from the grid
 * it has now. Pure computation over columns; the caller writes the changes.
 *
 * @param total components looked at
 * @param unchanged components whose grid stays the same (including outside before and after)
 * @param moved components now in a different unit grid
 * @param outside components now outside every unit grid that were inside one (or in none) before
 * @param changedCodes component codes whose grid changes, with {@code changedFrom} and {@code
 *     changedTo} aligned ({@code null} = outside every grid)
 * @param pairs every (old grid → new grid) pair with its count, largest first, then by codes
 */
record Reassignment(
    int total,
    int unchanged,
    int moved,
    int outside,
    List<String> changedCodes,
    List<String> changedFrom,
    List<String> changedTo,
    List<Pair> pairs) {

  /** How many components went from one grid to another; {@code null} = outside every grid. */
  record Pair(String from, String to, int count) {}

  static Reassignment compute(
      GridIndex index, List<String> codes, double[] lons, double[] lats, List<String> grids) {
    List<String> unitCodes = index.unitGrids().stream().map(g -> g.code().digits()).toList();
    List<String> changedCodes = new ArrayList<>();
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    Map<List<String>, int[]> pairs = new HashMap<>();
    int unchanged = 0;
    int moved = 0;
    int outside = 0;
    for (int i = 0; i < codes.size(); i++) {
      int at = index.locateIndex(lons[i], lats[i]);
      String now = at == GridIndex.NONE ? null : unitCodes.get(at);
      String before = grids.get(i);
      if (Objects.equals(now, before)) {
        unchanged++;
        continue;
      }
      if (now == null) {
        outside++;
      } else {
        moved++;
      }
      changedCodes.add(codes.get(i));
      from.add(before);
      to.add(now);
      pairs.computeIfAbsent(java.util.Arrays.asList(before, now), k -> new int[1])[0]++;
    }
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    List<Pair> sorted =
        pairs.entrySet().stream()
            .map(e -> new Pair(e.getKey().get(0), e.getKey().get(1), e.getValue()[0]))
            .sorted(
                Comparator.comparingInt(Pair::count)
                    .reversed()
                    .thenComparing(Pair::from, nullsFirst)
                    .thenComparing(Pair::to, nullsFirst))
            .toList();
    return new Reassignment(
        codes.size(), unchanged, moved, outside, changedCodes, from, to, sorted);
  }
}
