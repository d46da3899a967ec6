package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/**
 * Checks a whole grid set — district, streets, communities, unit grids and special grids — for the
 * faults that break "no gaps, no overlaps" (横向到边、纵向到底) and reports every one of them with codes,
 * place, area and a message, instead of stopping at the first.
 *
 * <p>What is checked, in order:
 *
 * <ol>
 *   <li>raw {@link GridRecord}s: {@link ProblemKind#MALFORMED_CODE}, {@link
 *       ProblemKind#EMPTY_GEOMETRY}; records that make a valid {@link Grid} join the set;
 *   <li>{@link ProblemKind#DUPLICATE_CODE} (grids before records, first occurrence kept);
 *   <li>validity: {@link ProblemKind#INVALID_RING} with the offending vertex, repaired with JTS
 *       {@code GeometryFixer}; the repaired geometry is used by the later checks and carried in the
 *       problem;
 *   <li>parent links: {@link ProblemKind#MISSING_PARENT}, {@link
 *       ProblemKind#UNIT_WITHOUT_COMMUNITY}, {@link ProblemKind#PARENT_LEVEL_MISMATCH};
 *   <li>{@link ProblemKind#OVERLAP} between any two grids of the same level (siblings or not);
 *       special grids (专属网格) may overlap anything and are never compared; grids that share only
 *       edges or vertices do not overlap;
 *   <li>per parent (district, street, community): {@link ProblemKind#GAP} = parent minus the union
 *       of its children, and {@link ProblemKind#CHILD_OUTSIDE_PARENT} = child minus parent. A
 *       parent without children counts as one gap only when the set holds grids of the child level
 *       at all, so a set of streets alone is not reported as all gaps. When a district boundary is
 *       given it replaces the district grid here: the streets are measured against the boundary.
 * </ol>
 *
 * <p>Overlaps, gaps and overhangs smaller than {@link Options#areaToleranceSquareMeters()} are
 * slivers of floating-point noise and are ignored. Areas are in m² on the CGCS2000 ellipsoid,
 * computed in its Lambert cylindrical equal-area projection (exact up to treating edges as straight
 * in lon/lat).
 *
 * <p>Candidate pairs come from an STR-tree; the interior test is JTS {@code RelateNG} with the
 * pattern {@code T********}; children are united with {@code CoverageUnion} when they form a clean
 * coverage, OverlayNG otherwise. The work runs on a pool of {@link Options#threads()} threads made
 * for each call.
 *
 * <p>Thread-safe and reusable: an instance holds only its options.
 */
public final class TopologyCheck {

  private static final int VALIDATION_CHUNK = 2048;
  private static final int PARENT_CHUNK = 8;

  private final Options options;

  private TopologyCheck(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A check with {@link Options#defaults()}: 0.01 m² tolerance, up to two threads. */
  public static TopologyCheck create() {
    return new TopologyCheck(Options.defaults());
  }

  public static TopologyCheck create(Options options) {
    return new TopologyCheck(options);
  }

  public Options options() {
    return options;
  }

  /** Checks {@code grids} on their own (no district boundary, no raw records). */
  public TopologyReport check(Collection<Grid> grids) {
    return check(grids, null, List.of());
  }

  /**
   * Checks {@code grids} and {@code records} together.
   *
   * @param grids grids of any level, in any order
   * @param districtBoundary the legal district boundary (Polygon or MultiPolygon, lon/lat degrees
   *     CGCS2000), or {@code null}; an invalid boundary is repaired and reported as {@link
   *     ProblemKind#INVALID_RING} with no code
   * @param records rows that the caller could not, or did not, turn into grids; those that make a
   *     valid {@link Grid} are checked like grids, the rest are reported
   * @throws IllegalArgumentException if the boundary is given but is not polygonal or is empty
   */
  public TopologyReport check(
      Collection<Grid> grids, Geometry districtBoundary, Collection<GridRecord> records) {
    Objects.requireNonNull(grids, "grids");
    Objects.requireNonNull(records, "records");
    if (districtBoundary != null
        && (!(districtBoundary instanceof Polygonal) || districtBoundary.isEmpty())) {
      throw new IllegalArgumentException(
          "district boundary must be a non-empty Polygon or MultiPolygon, not "
              + districtBoundary.getGeometryType());
    }
    ExecutorService pool = options.threads() > 1 ? newPool(options.threads()) : null;
    try {
      return run(grids, districtBoundary, records, pool);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private TopologyReport run(
      Collection<Grid> grids,
      Geometry districtBoundary,
      Collection<GridRecord> records,
      ExecutorService pool) {
    double tolerance = options.areaToleranceSquareMeters();
    List<TopologyProblem> problems = new ArrayList<>();
    List<CheckedGrid> admitted = GridScreening.admit(grids, records, problems);

    List<GridScreening.Validation> validated =
        Parallel.run(
            pool,
            admitted.size(),
            VALIDATION_CHUNK,
            (from, to, out) -> {
              for (int i = from; i < to; i++) {
                out.add(GridScreening.validate(admitted.get(i)));
              }
            });
    Map<GridCode, CheckedGrid> byCode = new LinkedHashMap<>();
    for (GridScreening.Validation v : validated) {
      if (v.grid() != null) {
        byCode.put(v.grid().code(), v.grid());
      }
      if (v.problem() != null) {
        problems.add(v.problem());
      }
    }

    // JTS caches a geometry's envelope on first use; fill the caches here, on one thread, before
    // the workers share the geometries.
    byCode.values().forEach(g -> g.geometry().getEnvelopeInternal());
    Map<GridCode, List<CheckedGrid>> children = Hierarchy.children(byCode, problems);

    for (GridLevel level : EnumSet.complementOf(EnumSet.of(GridLevel.SPECIAL))) {
      List<CheckedGrid> sameLevel =
          byCode.values().stream()
              .filter(g -> g.level() == level)
              .sorted(Comparator.comparing(CheckedGrid::code))
              .toList();
      if (sameLevel.size() > 1) {
        problems.addAll(OverlapFinder.find(sameLevel, tolerance, pool));
      }
    }

    problems.addAll(coverage(byCode, children, districtBoundary, tolerance, pool));
    problems.sort(Problems.ORDER);
    return new TopologyReport(problems, byCode.size());
  }

  private static List<TopologyProblem> coverage(
      Map<GridCode, CheckedGrid> byCode,
      Map<GridCode, List<CheckedGrid>> children,
      Geometry districtBoundary,
      double tolerance,
      ExecutorService pool) {
    Set<GridLevel> present = EnumSet.noneOf(GridLevel.class);
    byCode.values().forEach(g -> present.add(g.level()));
    List<Map.Entry<CheckedGrid, List<CheckedGrid>>> jobs = new ArrayList<>();
    for (Map.Entry<GridCode, List<CheckedGrid>> e : children.entrySet()) {
      CheckedGrid parent = byCode.get(e.getKey());
      GridLevel childLevel = Hierarchy.childLevel(parent.level());
      boolean replacedByBoundary = parent.level() == GridLevel.DISTRICT && districtBoundary != null;
      if (present.contains(childLevel) && !replacedByBoundary) {
        jobs.add(Map.entry(parent, e.getValue()));
      }
    }
    List<TopologyProblem> problems = new ArrayList<>();
    if (districtBoundary != null && present.contains(GridLevel.STREET)) {
      checkBoundary(byCode, districtBoundary, tolerance, problems);
    }
    problems.addAll(
        Parallel.run(
            pool,
            jobs.size(),
            PARENT_CHUNK,
            (from, to, out) -> {
              for (int i = from; i < to; i++) {
                CheckedGrid parent = jobs.get(i).getKey();
                GridLevel childLevel = Hierarchy.childLevel(parent.level());
                CoverageCheck.Parent p =
                    new CoverageCheck.Parent(
                        List.of(parent.codeText()),
                        null,
                        parent.geometry(),
                        Problems.levelEn(parent.level()) + " " + parent.code(),
                        Problems.levelZh(parent.level()) + " " + parent.code(),
                        Problems.levelEnPlural(childLevel),
                        Problems.levelZh(childLevel));
                CoverageCheck.check(p, jobs.get(i).getValue(), tolerance, out);
              }
            }));
    return problems;
  }

  private static void checkBoundary(
      Map<GridCode, CheckedGrid> byCode,
      Geometry boundary,
      double tolerance,
      List<TopologyProblem> problems) {
    List<CheckedGrid> districts =
        byCode.values().stream().filter(g -> g.level() == GridLevel.DISTRICT).toList();
    List<String> codes = districts.size() == 1 ? List.of(districts.get(0).codeText()) : List.of();
    IsValidOp op = new IsValidOp(boundary);
    Geometry usable = boundary;
    if (!op.isValid()) {
      TopologyValidationError error = op.getValidationError();
      usable = Problems.polygonal(GeometryFixer.fix(boundary), boundary.getFactory());
      problems.add(
          Problems.at(
              ProblemKind.INVALID_RING,
              codes,
              null,
              usable,
              Problems.lonLat(error.getCoordinate()),
              "the district boundary is invalid (" + error.getMessage() + "); repaired to {area}",
              "区界几何无效（" + error.getMessage() + "），已自动修复，修复后面积 {area}"));
    }
    List<CheckedGrid> streets =
        byCode.values().stream().filter(g -> g.level() == GridLevel.STREET).toList();
    CoverageCheck.check(
        new CoverageCheck.Parent(
            codes, null, usable, "the district boundary", "区界", "streets", "街道"),
        streets,
        tolerance,
        problems);
  }

  private static ExecutorService newPool(int threads) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "topology-check");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * How a {@link TopologyCheck} runs.
   *
   * @param areaToleranceSquareMeters overlaps, gaps and overhangs below this area (m²) are ignored
   *     as numerical slivers; 0 reports everything
   * @param threads worker threads per call, 1 to run on the caller's thread
   */
  public record Options(double areaToleranceSquareMeters, int threads) {

    public static final double DEFAULT_AREA_TOLERANCE_SQUARE_METERS = 0.01;

    public Options {
      if (!(areaToleranceSquareMeters >= 0) || Double.isInfinite(areaToleranceSquareMeters)) {
        throw new IllegalArgumentException(
            "area tolerance " + areaToleranceSquareMeters + " m² must be finite and ≥ 0");
      }
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads " + threads + " is outside 1–64");
      }
    }

    /** 0.01 m² tolerance and two threads (one on a single-core machine). */
    public static Options defaults() {
      return new Options(
          DEFAULT_AREA_TOLERANCE_SQUARE_METERS,
          Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public Options withAreaTolerance(double squareMeters) {
      return new Options(squareMeters, threads);
    }

    public Options withThreads(int count) {
      return new Options(areaToleranceSquareMeters, count);
    }
  }
}
