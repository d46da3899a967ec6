package org.wangge.geo.index.internal;

import java.util.List;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Polygons flattened into primitive arrays for allocation-free point tests. The ring test follows
 * JTS {@code RayCrossingCounter} step for step (same half-open crossing rule, same robust
 * orientation predicate), so {@link #covers} agrees with {@code Geometry.covers} on valid input.
 */
final class PackedPolygons {

  /** x0, y0, x1, y1, … of every ring, rings closed (first point repeated). */
  final double[] coords;

  /** Ring r occupies points {@code ringStart[r] .. ringStart[r+1]-1}. */
  final int[] ringStart;

  /** Part p has rings {@code partRingStart[p] .. partRingStart[p+1]-1}; the first is the shell. */
  final int[] partRingStart;

  /** Polygon g has parts {@code polygonPartStart[g] .. polygonPartStart[g+1]-1}. */
  final int[] polygonPartStart;

  /** minX, minY, maxX, maxY per polygon. */
  final double[] bounds;

  PackedPolygons(List<Geometry> polygons) {
    int points = 0;
    int rings = 0;
    int parts = 0;
    for (Geometry g : polygons) {
      for (int p = 0; p < g.getNumGeometries(); p++) {
        Polygon part = (Polygon) g.getGeometryN(p);
        parts++;
        rings += 1 + part.getNumInteriorRing();
        points += part.getNumPoints();
      }
    }
    coords = new double[points * 2];
    ringStart = new int[rings + 1];
    partRingStart = new int[parts + 1];
    polygonPartStart = new int[polygons.size() + 1];
    bounds = new double[polygons.size() * 4];
    int pt = 0;
    int ring = 0;
    int part = 0;
    for (int g = 0; g < polygons.size(); g++) {
      Geometry geometry = polygons.get(g);
      polygonPartStart[g] = part;
      var env = geometry.getEnvelopeInternal();
      bounds[4 * g] = env.getMinX();
      bounds[4 * g + 1] = env.getMinY();
      bounds[4 * g + 2] = env.getMaxX();
      bounds[4 * g + 3] = env.getMaxY();
      for (int p = 0; p < geometry.getNumGeometries(); p++) {
        Polygon polygon = (Polygon) geometry.getGeometryN(p);
        partRingStart[part++] = ring;
        for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
          LinearRing lr = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
          ringStart[ring++] = pt;
          for (Coordinate c : lr.getCoordinates()) {
            coords[2 * pt] = c.x;
            coords[2 * pt + 1] = c.y;
            pt++;
          }
        }
      }
    }
    polygonPartStart[polygons.size()] = part;
    partRingStart[parts] = ring;
    ringStart[rings] = pt;
  }

  int size() {
    return polygonPartStart.length - 1;
  }

  /** True when polygon {@code g} covers the point (interior or boundary). */
  boolean covers(int g, double x, double y) {
    int b = 4 * g;
    if (x < bounds[b] || y < bounds[b + 1] || x > bounds[b + 2] || y > bounds[b + 3]) {
      return false;
    }
    for (int part = polygonPartStart[g]; part < polygonPartStart[g + 1]; part++) {
      if (partCovers(part, x, y)) {
        return true;
      }
    }
    return false;
  }

  private boolean partCovers(int part, double x, double y) {
    int shell = partRingStart[part];
    int loc = locateInRing(shell, x, y);
    if (loc != INTERIOR) {
      return loc == BOUNDARY;
    }
    for (int hole = shell + 1; hole < partRingStart[part + 1]; hole++) {
      int holeLoc = locateInRing(hole, x, y);
      if (holeLoc == BOUNDARY) {
        return true;
      }
      if (holeLoc == INTERIOR) {
        return false;
      }
    }
    return true;
  }

  static final int EXTERIOR = 0;
  static final int BOUNDARY = 1;
  static final int INTERIOR = 2;

  /** JTS {@code RayCrossingCounter.locatePointInRing}, over packed coordinates. */
  int locateInRing(int ring, double px, double py) {
    int crossings = 0;
    double[] c = coords;
    for (int i = ringStart[ring] + 1; i < ringStart[ring + 1]; i++) {
      double x1 = c[2 * i];
      double y1 = c[2 * i + 1];
      double x2 = c[2 * i - 2];
      double y2 = c[2 * i - 1];
      if (x1 < px && x2 < px) {
        continue;
      }
      if (px == x2 && py == y2) {
        return BOUNDARY;
      }
      if (y1 == py && y2 == py) {
        double minX = Math.min(x1, x2);
        double maxX = Math.max(x1, x2);
        if (px >= minX && px <= maxX) {
          return BOUNDARY;
        }
        continue;
      }
      if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
        int orient = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, px, py);
        if (orient == 0) {
          return BOUNDARY;
        }
        if (y2 < y1) {
          orient = -orient;
        }
        if (orient == 1) {
          crossings++;
        }
      }
    }
    return (crossings & 1) == 1 ? INTERIOR : EXTERIOR;
  }
}
