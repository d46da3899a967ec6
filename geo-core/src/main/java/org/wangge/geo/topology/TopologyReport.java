package org.wangge.geo.topology;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The result of a {@link TopologyCheck}: every problem found, sorted by kind (in {@link
 * ProblemKind} order), then by codes, then by location, so that two runs on the same input give the
 * same report.
 *
 * @param problems the problems, sorted; empty when the grid set is clean
 * @param gridsChecked how many grids took part in the geometry checks (after dropping duplicates,
 *     malformed records and empty geometries)
 */
public record TopologyReport(List<TopologyProblem> problems, int gridsChecked) {

  public TopologyReport {
    problems = List.copyOf(problems);
  }

  public boolean isClean() {
    return problems.isEmpty();
  }

  public List<TopologyProblem> problems(ProblemKind kind) {
    return problems.stream().filter(p -> p.kind() == kind).toList();
  }

  /** Number of problems per kind, in {@link ProblemKind} order, kinds without problems left out. */
  public Map<ProblemKind, Integer> counts() {
    Map<ProblemKind, Integer> counts = new EnumMap<>(ProblemKind.class);
    problems.forEach(p -> counts.merge(p.kind(), 1, Integer::sum));
    return counts;
  }

  /**
   * The repaired geometry of every grid reported as {@link ProblemKind#INVALID_RING}, by code, for
   * a caller that wants to carry on with the repaired shapes. Each value is a fresh copy.
   */
  public Map<String, Geometry> repairedGeometries() {
    Map<String, Geometry> repaired = new LinkedHashMap<>();
    for (TopologyProblem p : problems(ProblemKind.INVALID_RING)) {
      repaired.put(p.codes().get(0), p.geometry());
    }
    return repaired;
  }

  @Override
  public String toString() {
    return "TopologyReport["
        + gridsChecked
        + " grids, "
        + problems.size()
        + " problems "
        + counts()
        + "]";
  }
}
