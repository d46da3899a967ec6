package org.wangge.geo.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.geo.Geodesy;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/** Grid sets for the topology tests: WKT fixture files and generated lattices. */
final class GridFixtures {

  static final GeometryFactory FACTORY = new GeometryFactory();
  static final double LON0 = 120.6;
  static final double LAT0 = 31.3;
  static final double CELL = 0.001;

  private GridFixtures() {}

  /**
   * Reads {@code topology/<name>}: one grid per line as {@code code | level | parent | WKT}, lines
   * starting with {@code #} are comments.
   */
  static List<Grid> read(String name) {
    List<Grid> grids = new ArrayList<>();
    for (String line : lines(name)) {
      String[] f = line.split("\\|", 4);
      String parent = f[2].strip();
      grids.add(
          new Grid(
              GridCode.parse(f[0]),
              f[0].strip(),
              GridLevel.valueOf(f[1].strip()),
              parent.isEmpty() ? null : GridCode.parse(parent),
              wkt(f[3]),
              null));
    }
    return grids;
  }

  static Geometry wkt(String text) {
    try {
      return new WKTReader(FACTORY).read(text.strip());
    } catch (ParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static List<Grid> without(List<Grid> grids, String code) {
    return grids.stream().filter(g -> !g.code().digits().equals(code)).toList();
  }

  static Grid grid(List<Grid> grids, String code) {
    return grids.stream().filter(g -> g.code().digits().equals(code)).findFirst().orElseThrow();
  }

  static Grid withGeometry(Grid g, Geometry geometry) {
    return new Grid(g.code(), g.name(), g.level(), g.parent(), geometry, g.responsibleUnitId());
  }

  /**
   * Area in m² of a lon/lat rectangle, from great-circle side lengths (independent of the code).
   */
  static double rectangleSquareMeters(double dLon, double dLat, double midLat) {
    double width = Geodesy.haversineMeters(LON0, midLat, LON0 + dLon, midLat);
    double height = Geodesy.haversineMeters(LON0, midLat - dLat / 2, LON0, midLat + dLat / 2);
    return width * height;
  }

  /**
   * A district of {@code cols × rows} unit grids laid on a lattice of shared vertices, the way a
   * generator polygonizing noded linework builds them: neighbours share identical edges. With
   * {@code jitter > 0} inner vertices move by up to {@code jitter} cells (seeded) and each parent
   * is the coverage union of its children; with {@code jitter == 0} parents are plain rectangles
   * whose edges run through the children's vertices.
   *
   * @param block unit grids per community side; {@code streetBlock} communities per street side
   */
  static List<Grid> lattice(
      int cols, int rows, double jitter, long seed, int block, int streetBlock) {
    Coordinate[][] v = vertices(cols, rows, jitter, seed);
    List<Grid> grids = new ArrayList<>();
    int communityCols = (cols + block - 1) / block;
    int communityRows = (rows + block - 1) / block;
    int streetCols = (communityCols + streetBlock - 1) / streetBlock;
    List<Geometry> streets = new ArrayList<>();
    for (int sj = 0; sj * streetBlock < communityRows; sj++) {
      for (int si = 0; si < streetCols; si++) {
        GridCode street =
            GridCode.parse("320509" + String.format("%03d", sj * streetCols + si + 1));
        List<Geometry> communities = new ArrayList<>();
        int seqInStreet = 0;
        for (int cj = sj * streetBlock;
            cj < Math.min(communityRows, (sj + 1) * streetBlock);
            cj++) {
          for (int ci = si * streetBlock;
              ci < Math.min(communityCols, (si + 1) * streetBlock);
              ci++) {
            GridCode community =
                GridCode.parse(street.digits() + String.format("%03d", ++seqInStreet));
            List<Geometry> cells = new ArrayList<>();
            int seq = 0;
            for (int j = Math.min(rows, (cj + 1) * block) - 1; j >= cj * block; j--) {
              for (int i = ci * block; i < Math.min(cols, (ci + 1) * block); i++) {
                Polygon cell = cell(v, i, j);
                cells.add(cell);
                grids.add(unit(GridCode.of(community.digits(), ++seq), community, cell));
              }
            }
            Geometry area =
                jitter > 0
                    ? CoverageUnion.union(cells.toArray(Geometry[]::new))
                    : rectangle(v, ci * block, cj * block, cols, rows, block);
            communities.add(area);
            grids.add(new Grid(community, null, GridLevel.COMMUNITY, street, area, null));
          }
        }
        Geometry streetArea =
            jitter > 0
                ? CoverageUnion.union(communities.toArray(Geometry[]::new))
                : FACTORY.buildGeometry(communities).getEnvelope();
        streets.add(streetArea);
        grids.add(
            new Grid(street, null, GridLevel.STREET, GridCode.parse("320509"), streetArea, null));
      }
    }
    Geometry district =
        jitter > 0
            ? CoverageUnion.union(streets.toArray(Geometry[]::new))
            : FACTORY.buildGeometry(streets).getEnvelope();
    grids.add(new Grid(GridCode.parse("320509"), null, GridLevel.DISTRICT, null, district, null));
    return grids;
  }

  /** Lattice vertex positions; outer vertices stay on the rectangle so the district is one. */
  static Coordinate[][] vertices(int cols, int rows, double jitter, long seed) {
    Random random = new Random(seed);
    Coordinate[][] v = new Coordinate[cols + 1][rows + 1];
    for (int i = 0; i <= cols; i++) {
      for (int j = 0; j <= rows; j++) {
        boolean inner = i > 0 && j > 0 && i < cols && j < rows;
        double dx = inner ? (random.nextDouble() * 2 - 1) * jitter : 0;
        double dy = inner ? (random.nextDouble() * 2 - 1) * jitter : 0;
        v[i][j] = new Coordinate(LON0 + (i + dx) * CELL, LAT0 + (j + dy) * CELL);
      }
    }
    return v;
  }

  static Polygon cell(Coordinate[][] v, int i, int j) {
    return FACTORY.createPolygon(
        new Coordinate[] {
          v[i][j].copy(),
          v[i + 1][j].copy(),
          v[i + 1][j + 1].copy(),
          v[i][j + 1].copy(),
          v[i][j].copy()
        });
  }

  private static Grid unit(GridCode code, GridCode community, Polygon cell) {
    return new Grid(code, null, GridLevel.UNIT, community, cell, null);
  }

  private static Polygon rectangle(
      Coordinate[][] v, int i0, int j0, int cols, int rows, int block) {
    int i1 = Math.min(cols, i0 + block);
    int j1 = Math.min(rows, j0 + block);
    return FACTORY.createPolygon(
        new Coordinate[] {
          v[i0][j0].copy(), v[i1][j0].copy(), v[i1][j1].copy(), v[i0][j1].copy(), v[i0][j0].copy()
        });
  }

  private static List<String> lines(String name) {
    try (InputStream in = GridFixtures.class.getResourceAsStream("/topology/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture topology/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
