package org.wangge.data.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Cuts a district into one cell per seed so that the cells form an exact coverage: Voronoi edges of
 * the seeds and the district boundary are noded together in one snap-rounding pass (fixed precision
 * {@link #PRECISION}), polygonised into faces, faces inside the district go to the seed whose
 * Voronoi cell holds them, and each seed's faces are merged with {@code CoverageUnion}. Shared
 * edges therefore have identical coordinates, and nothing downstream changes them.
 */
public final class VoronoiPartition {

  /** Snap-rounding grid: 1e-7 degree (about 1 cm). */
  public static final PrecisionModel PRECISION = new PrecisionModel(1e7);

  /** The district as cut: boundary on the precision grid. */
  public final Geometry district;

  /** One Polygon or MultiPolygon per seed, in seed order. */
  public final Geometry[] cells;

  /** Interior edges (shared by two cells): x1, y1, x2, y2 per edge, in a deterministic order. */
  public final double[] roadEdges;

  private VoronoiPartition(Geometry district, Geometry[] cells, double[] roadEdges) {
    this.district = district;
    this.cells = cells;
    this.roadEdges = roadEdges;
  }

  public static VoronoiPartition of(Geometry district, SeedLattice seeds, GeometryFactory gf) {
    Geometry onGrid = GeometryPrecisionReducer.reduce(district, PRECISION);
    Envelope env = onGrid.getEnvelopeInternal();
    double margin = Math.max(env.getWidth(), env.getHeight()) * 0.05;
    Envelope clip = new Envelope(env);
    clip.expandBy(margin);

    // The diagram is built with longitude scaled by cos(latitude) so that cells are Voronoi cells
    // in metres, not in degrees; edges are scaled back before noding.
    double k = Math.cos(Math.toRadians(env.centre().y));
    List<Coordinate> sites = new ArrayList<>(seeds.size());
    for (int i = 0; i < seeds.size(); i++) {
      sites.add(new Coordinate(seeds.x[i] * k, seeds.y[i]));
    }
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(sites);
    vb.setClipEnvelope(
        new Envelope(clip.getMinX() * k, clip.getMaxX() * k, clip.getMinY(), clip.getMaxY()));
    Geometry diagram = vb.getDiagram(gf);

    List<SegmentString> strings = new ArrayList<>();
    Map<Segment, Boolean> unique = new LinkedHashMap<>();
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Polygon cell = (Polygon) diagram.getGeometryN(i);
      Coordinate[] ring = cell.getExteriorRing().getCoordinates();
      for (int j = 0; j + 1 < ring.length; j++) {
        Segment s = Segment.of(ring[j], ring[j + 1], k);
        if (s != null && unique.putIfAbsent(s, Boolean.TRUE) == null) {
          strings.add(
              new NodedSegmentString(
                  new Coordinate[] {new Coordinate(s.x1, s.y1), new Coordinate(s.x2, s.y2)}, null));
        }
      }
    }
    for (int i = 0; i < onGrid.getNumGeometries(); i++) {
      Polygon p = (Polygon) onGrid.getGeometryN(i);
      strings.add(new NodedSegmentString(p.getExteriorRing().getCoordinates(), Boolean.TRUE));
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        strings.add(new NodedSegmentString(p.getInteriorRingN(h).getCoordinates(), Boolean.TRUE));
      }
    }
    SnapRoundingNoder noder = new SnapRoundingNoder(PRECISION);
    noder.computeNodes(strings);
    @SuppressWarnings("unchecked")
    Collection<SegmentString> noded = noder.getNodedSubstrings();

    Map<Segment, Boolean> edges = new LinkedHashMap<>();
    for (SegmentString ss : noded) {
      boolean boundary = ss.getData() == Boolean.TRUE;
      Coordinate[] c = ss.getCoordinates();
      for (int j = 0; j + 1 < c.length; j++) {
        Segment s = Segment.of(c[j], c[j + 1], 1);
        if (s != null) {
          edges.merge(s, boundary, (a, b) -> a || b);
        }
      }
    }
    List<LineString> lines = new ArrayList<>(edges.size());
    for (Segment s : edges.keySet()) {
      lines.add(
          gf.createLineString(
              new Coordinate[] {new Coordinate(s.x1, s.y1), new Coordinate(s.x2, s.y2)}));
    }
    Polygonizer polygonizer = new Polygonizer();
    polygonizer.add(lines);
    @SuppressWarnings("unchecked")
    Collection<Polygon> faces = polygonizer.getPolygons();

    PreparedGeometry inside = PreparedGeometryFactory.prepare(onGrid);
    NearestSeed nearest = new NearestSeed(seeds, k);
    List<List<Polygon>> perSeed = new ArrayList<>(seeds.size());
    for (int i = 0; i < seeds.size(); i++) {
      perSeed.add(new ArrayList<>(1));
    }
    for (Polygon face : faces) {
      if (!env.intersects(face.getEnvelopeInternal())) {
        continue;
      }
      Coordinate p = face.getInteriorPoint().getCoordinate();
      if (!inside.contains(gf.createPoint(p))) {
        continue;
      }
      perSeed.get(nearest.of(p.x, p.y)).add(face);
    }
    Geometry[] cells = new Geometry[seeds.size()];
    for (int i = 0; i < cells.length; i++) {
      List<Polygon> fs = perSeed.get(i);
      if (fs.isEmpty()) {
        throw new IllegalStateException(
            "seed " + i + " at (" + seeds.x[i] + ", " + seeds.y[i] + ") received no face");
      }
      cells[i] =
          fs.size() == 1
              ? fs.get(0)
              : CoverageUnion.union(gf.createGeometryCollection(fs.toArray(new Geometry[0])));
    }

    double[] roads = new double[edges.size() * 4];
    int n = 0;
    for (Map.Entry<Segment, Boolean> e : edges.entrySet()) {
      if (e.getValue()) {
        continue;
      }
      Segment s = e.getKey();
      Coordinate mid = new Coordinate((s.x1 + s.x2) / 2, (s.y1 + s.y2) / 2);
      if (!env.contains(mid) || !inside.containsProperly(gf.createPoint(mid))) {
        continue;
      }
      roads[n++] = s.x1;
      roads[n++] = s.y1;
      roads[n++] = s.x2;
      roads[n++] = s.y2;
    }
    return new VoronoiPartition(onGrid, cells, java.util.Arrays.copyOf(roads, n));
  }

  /** An undirected segment with its lesser end first; {@code null} for a zero-length one. */
  record Segment(double x1, double y1, double x2, double y2) {
    /** The segment a–b with x divided by {@code xScale}. */
    static Segment of(Coordinate a, Coordinate b, double xScale) {
      double ax = xScale == 1 ? a.x : a.x / xScale;
      double bx = xScale == 1 ? b.x : b.x / xScale;
      int cmp = ax != bx ? Double.compare(ax, bx) : Double.compare(a.y, b.y);
      if (cmp == 0) {
        return null;
      }
      return cmp < 0 ? new Segment(ax, a.y, bx, b.y) : new Segment(bx, b.y, ax, a.y);
    }
  }

  /** Nearest seed by a bucket grid with expanding rings; ties go to the lower index. */
  static final class NearestSeed {
    private final SeedLattice seeds;
    private final double minX;
    private final double minY;
    private final double cell;
    private final int nx;
    private final int ny;
    private final int[][] buckets;
    private final double xScale;

    NearestSeed(SeedLattice seeds, double xScale) {
      this.seeds = seeds;
      this.xScale = xScale;
      double mnx = Double.MAX_VALUE, mny = Double.MAX_VALUE, mxx = -Double.MAX_VALUE;
      double mxy = -Double.MAX_VALUE;
      for (int i = 0; i < seeds.size(); i++) {
        mnx = Math.min(mnx, seeds.x[i]);
        mny = Math.min(mny, seeds.y[i]);
        mxx = Math.max(mxx, seeds.x[i]);
        mxy = Math.max(mxy, seeds.y[i]);
      }
      minX = mnx * xScale;
      minY = mny;
      double w = Math.max(1e-9, (mxx - mnx) * xScale);
      double h = Math.max(1e-9, mxy - mny);
      cell = Math.max(Math.sqrt(w * h / seeds.size()), 1e-9);
      nx = (int) (w / cell) + 1;
      ny = (int) (h / cell) + 1;
      int[] counts = new int[nx * ny];
      int[] bucketOf = new int[seeds.size()];
      for (int i = 0; i < seeds.size(); i++) {
        bucketOf[i] = bucket(seeds.x[i] * xScale, seeds.y[i]);
        counts[bucketOf[i]]++;
      }
      buckets = new int[nx * ny][];
      for (int b = 0; b < buckets.length; b++) {
        buckets[b] = new int[counts[b]];
        counts[b] = 0;
      }
      for (int i = 0; i < seeds.size(); i++) {
        buckets[bucketOf[i]][counts[bucketOf[i]]++] = i;
      }
    }

    private int bucket(double sx, double sy) {
      int bx = Math.min(nx - 1, Math.max(0, (int) ((sx - minX) / cell)));
      int by = Math.min(ny - 1, Math.max(0, (int) ((sy - minY) / cell)));
      return by * nx + bx;
    }

    int of(double x, double y) {
      double sx = x * xScale;
      int bx = Math.min(nx - 1, Math.max(0, (int) ((sx - minX) / cell)));
      int by = Math.min(ny - 1, Math.max(0, (int) ((y - minY) / cell)));
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int ring = 0; ring < Math.max(nx, ny) + 1; ring++) {
        for (int j = by - ring; j <= by + ring; j++) {
          for (int i = bx - ring; i <= bx + ring; i++) {
            if (i < 0 || j < 0 || i >= nx || j >= ny) {
              continue;
            }
            if (Math.max(Math.abs(i - bx), Math.abs(j - by)) != ring) {
              continue;
            }
            for (int s : buckets[j * nx + i]) {
              double ddx = seeds.x[s] * xScale - sx;
              double ddy = seeds.y[s] - y;
              double d = ddx * ddx + ddy * ddy;
              if (d < bestD || (d == bestD && s < best)) {
                bestD = d;
                best = s;
              }
            }
          }
        }
        if (best >= 0 && ring * cell > Math.sqrt(bestD) + cell) {
          break;
        }
      }
      return best;
    }
  }
}
