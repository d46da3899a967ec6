package org.wangge.geo.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/** Grid sets built in tests: lattices with exactly shared edges and Voronoi partitions. */
final class TestGrids {

  static final GeometryFactory FACTORY = new GeometryFactory();

  private TestGrids() {}

  /** The i-th unit grid code: 999 grids per community under street 001 of county 320509. */
  static GridCode unitCode(int i) {
    return GridCode.of(String.format("320509001%03d", i / 999 + 1), i % 999 + 1);
  }

  static Grid unit(int i, Geometry geometry) {
    GridCode code = unitCode(i);
    return new Grid(code, "grid " + i, GridLevel.UNIT, code.parent(), geometry, "U-" + i);
  }

  static Geometry wkt(String wkt) {
    try {
      return new WKTReader(FACTORY).read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /**
   * A {@code cols × rows} lattice of axis-aligned squares of {@code size} degrees from (x0, y0).
   */
  static List<Grid> lattice(double x0, double y0, double size, int cols, int rows) {
    List<Grid> grids = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        Envelope env =
            new Envelope(x0 + c * size, x0 + (c + 1) * size, y0 + r * size, y0 + (r + 1) * size);
        grids.add(unit(grids.size(), FACTORY.toGeometry(env)));
      }
    }
    return grids;
  }

  /** Voronoi cells of {@code n} random sites in the envelope, clipped to it; seeded. */
  static List<Grid> voronoi(Envelope extent, int n, long seed) {
    Random random = new Random(seed);
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sites.add(
          new Coordinate(
              extent.getMinX() + random.nextDouble() * extent.getWidth(),
              extent.getMinY() + random.nextDouble() * extent.getHeight()));
    }
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    builder.setClipEnvelope(extent);
    Geometry cells = builder.getDiagram(FACTORY);
    List<Grid> grids = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry cell = cells.getGeometryN(i).intersection(FACTORY.toGeometry(extent));
      if (!cell.isEmpty() && cell instanceof Polygonal) {
        grids.add(unit(grids.size(), cell));
      }
    }
    return grids;
  }
}
