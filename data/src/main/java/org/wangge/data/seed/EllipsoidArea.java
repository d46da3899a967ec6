package org.wangge.data.seed;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Area on the WGS84/CGCS2000 ellipsoid of a lon/lat polygon: latitudes go to authalic latitudes,
 * then the spherical ring formula on the sphere of equal surface. Edges are taken as straight in
 * lon/lat, which for edges of a few kilometres is within a fraction of a per mille.
 */
public final class EllipsoidArea {

  private static final double A = 6_378_137.0;
  private static final double F = 1 / 298.257223563;
  private static final double E2 = F * (2 - F);
  private static final double E = Math.sqrt(E2);
  private static final double QP = q(1.0);

  /** Radius of the sphere with the ellipsoid's surface area. */
  private static final double RQ = A * Math.sqrt(QP / 2);

  private EllipsoidArea() {}

  /** Area in square kilometres of the polygonal parts of {@code g}; holes subtract. */
  public static double squareKilometres(Geometry g) {
    return squareMetres(g) / 1e6;
  }

  public static double squareMetres(Geometry g) {
    double sum = 0;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (part instanceof Polygon p) {
        sum += Math.abs(ringArea(p.getExteriorRing()));
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          sum -= Math.abs(ringArea(p.getInteriorRingN(h)));
        }
      } else if (part != g) {
        sum += squareMetres(part);
      }
    }
    return sum;
  }

  /** Signed area of a ring (positive counter-clockwise) in square metres. */
  static double ringArea(LineString ring) {
    Coordinate[] c = ring.getCoordinates();
    double sum = 0;
    for (int i = 0; i + 1 < c.length; i++) {
      double dl = Math.toRadians(c[i + 1].x - c[i].x);
      sum += dl * (2 + Math.sin(authalic(c[i].y)) + Math.sin(authalic(c[i + 1].y)));
    }
    return sum * RQ * RQ / 2;
  }

  private static double authalic(double latDegrees) {
    double sinPhi = Math.sin(Math.toRadians(latDegrees));
    return Math.asin(Math.max(-1, Math.min(1, q(sinPhi) / QP)));
  }

  private static double q(double sinPhi) {
    double es = E * sinPhi;
    return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
  }
}
