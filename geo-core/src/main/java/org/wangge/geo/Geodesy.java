package org.wangge.geo;

/** Spherical distance helpers; arguments are longitude, latitude in degrees. */
public final class Geodesy {

  /** Mean Earth radius in metres (IUGG). */
  public static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private Geodesy() {}

  public static double haversineMeters(double lon1, double lat1, double lon2, double lat2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Degrees of latitude spanned by {@code meters} north–south. */
  public static double metersToDegreesLat(double meters) {
    return Math.toDegrees(meters / EARTH_RADIUS_METERS);
  }

  /** Degrees of longitude spanned by {@code meters} east–west at latitude {@code lat}. */
  public static double metersToDegreesLon(double meters, double lat) {
    double cos = Math.max(1e-9, Math.cos(Math.toRadians(lat)));
    return Math.toDegrees(meters / (EARTH_RADIUS_METERS * cos));
  }
}
