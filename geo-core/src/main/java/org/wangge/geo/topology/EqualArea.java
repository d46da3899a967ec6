package org.wangge.geo.topology;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas in square metres of lon/lat polygons (degrees, CGCS2000) on the CGCS2000 ellipsoid, with
 * edges taken as straight lines in lon/lat, as JTS draws them.
 *
 * <p>The area element of the ellipsoid is {@code dA = a²/2 · dq · dλ}, where {@code q(φ)} is the
 * authalic function of Snyder (1987, eq. 3-12) behind the Lambert cylindrical equal-area
 * projection. By Green's theorem a ring's area is {@code a²/2 · ∮ q dλ}; along a straight lon/lat
 * edge {@code φ} is linear in {@code λ}, so each edge contributes {@code Δλ} times the mean of
 * {@code q} over the edge, taken by Simpson's rule (exact to far below a mm² for grid-sized edges).
 * Projecting the vertices and using the planar shoelace instead would bend every edge and give a
 * zero-area sliver a false area of about 0.005 m² per 200 m of edge: the size of the sliver
 * tolerance.
 */
final class EqualArea {

  /** CGCS2000 semi-major axis in metres. */
  static final double A = 6_378_137.0;

  /** CGCS2000 flattening. */
  static final double F = 1 / 298.257222101;

  private static final double E2 = F * (2 - F);
  private static final double E = Math.sqrt(E2);

  private EqualArea() {}

  /** Area in m² of the polygonal parts of {@code geometry}; 0 for points, lines and empties. */
  static double squareMeters(Geometry geometry) {
    if (geometry == null || geometry.isEmpty()) {
      return 0;
    }
    double q0 = q(geometry.getEnvelopeInternal().centre().y);
    double sum = 0;
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part instanceof Polygon p) {
        sum += Math.abs(ringArea(p.getExteriorRing(), q0));
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          sum -= Math.abs(ringArea(p.getInteriorRingN(h), q0));
        }
      } else if (part != geometry) {
        sum += squareMeters(part);
      }
    }
    return Math.max(0, sum);
  }

  /**
   * Signed area {@code a²/2 · Σ Δλ · (mean q − q0)}; subtracting {@code q0} changes nothing on a
   * closed ring ({@code ΣΔλ = 0}) but keeps the terms small, so slivers keep their digits.
   */
  private static double ringArea(LinearRing ring, double q0) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    int n = seq.size();
    if (n < 4) {
      return 0;
    }
    double sum = 0;
    double qPrev = q(seq.getY(0)) - q0;
    for (int i = 1; i < n; i++) {
      double qNext = q(seq.getY(i)) - q0;
      double qMid = q((seq.getY(i - 1) + seq.getY(i)) / 2) - q0;
      sum += Math.toRadians(seq.getX(i) - seq.getX(i - 1)) * (qPrev + 4 * qMid + qNext) / 6;
      qPrev = qNext;
    }
    return -A * A / 2 * sum;
  }

  /**
   * Snyder's q for the latitude {@code latDegrees}; {@code a²·q/2} is the area from the equator.
   */
  static double q(double latDegrees) {
    double s = Math.sin(Math.toRadians(latDegrees));
    double es = E * s;
    return (1 - E2) * (s / (1 - es * es) - Math.log((1 - es) / (1 + es)) / (2 * E));
  }
}
