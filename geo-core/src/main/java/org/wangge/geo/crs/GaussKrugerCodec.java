package org.wangge.geo.crs;

import org.wangge.geo.LonLat;

/**
 * A CGCS2000 Gauss-Krüger zone through proj4j's {@code etmerc}. The zone's domain is latitude
 * 3°–54° N (China) and longitude up to one zone width either side of the central meridian (±3° for
 * 3° zones, ±6° for 6° zones: twice the nominal zone, since cities straddle zone edges); input
 * outside it is rejected in both directions, which catches swapped axes, a missing or extra zone
 * prefix and data in another zone.
 */
final class GaussKrugerCodec implements CrsCodec {

  private static final String GEOGRAPHIC_CGCS2000 =
      "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs";
  private static final double MAX_EASTING_OFFSET_METERS = 1_000_000;
  private static final double MAX_NORTHING_METERS = 10_000_000;

  private final Crs crs;
  private final GaussKrugerZone zone;
  private final Proj4jProjection projection;

  GaussKrugerCodec(Crs crs, GaussKrugerZone zone) {
    this.crs = crs;
    this.zone = zone;
    this.projection = new Proj4jProjection(GEOGRAPHIC_CGCS2000, zone.proj4Parameters());
  }

  @Override
  public Crs crs() {
    return crs;
  }

  @Override
  public void fromLonLat(double lon, double lat, double[] out, int index) {
    CrsCodec.requireLonLat(lon, lat, crs, index);
    if (!inDomain(lon, lat)) {
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "position (lon "
              + CrsCodec.plain(lon)
              + ", lat "
              + CrsCodec.plain(lat)
              + ") is outside "
              + crs
              + ", which covers latitude "
              + LonLat.CHINA_MIN_LAT
              + "–"
              + LonLat.CHINA_MAX_LAT
              + "° and longitude "
              + domainText()
              + (looksSwapped(lon, lat) ? "; longitude and latitude look swapped" : ""));
    }
    projection.forward(lon, lat, out);
  }

  @Override
  public void toLonLat(double x, double y, double[] out, int index) {
    CrsCodec.requireFinite(x, y, crs, index);
    long prefix = (long) Math.floor(x / 1_000_000);
    if (zone.zonePrefix() && prefix != zone.zone()) {
      GaussKrugerZone plain = new GaussKrugerZone(zone.widthDegrees(), zone.zone(), false);
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "easting "
              + CrsCodec.plain(x)
              + " m lacks the zone prefix "
              + zone.zone()
              + " that "
              + crs
              + " requires (expected "
              + zone.zone()
              + "xxxxxx m); is it in EPSG:"
              + plain.epsgCode()
              + " without the prefix, or are the axes swapped (northing, easting or lon/lat)?");
    }
    if (!zone.zonePrefix() && prefix >= 13 && prefix <= 45) {
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "easting "
              + CrsCodec.plain(x)
              + " m starts with a zone prefix ("
              + prefix
              + ") but "
              + crs
              + " expects eastings around 500000 m without it; use the zone-prefixed CRS");
    }
    boolean inRange =
        Math.abs(x - zone.falseEastingMeters()) <= MAX_EASTING_OFFSET_METERS
            && y >= 0
            && y <= MAX_NORTHING_METERS;
    if (inRange) {
      projection.inverse(x, y, out);
    }
    if (!inRange || !inDomain(out[0], out[1])) {
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "(easting "
              + CrsCodec.plain(x)
              + ", northing "
              + CrsCodec.plain(y)
              + ") lies outside "
              + crs
              + (inRange ? " (it would be lon " + out[0] + ", lat " + out[1] + ")" : "")
              + "; are the axes swapped (northing first, as EPSG lists them, or lon/lat given"
              + " for metres), or is the data in another zone?");
    }
  }

  private boolean inDomain(double lon, double lat) {
    return lat >= LonLat.CHINA_MIN_LAT
        && lat <= LonLat.CHINA_MAX_LAT
        && Math.abs(lon - zone.centralMeridianDegrees()) <= zone.widthDegrees();
  }

  private boolean looksSwapped(double lon, double lat) {
    return Math.abs(lat - zone.centralMeridianDegrees()) <= zone.widthDegrees()
        && lon >= LonLat.CHINA_MIN_LAT
        && lon <= LonLat.CHINA_MAX_LAT;
  }

  private String domainText() {
    int cm = zone.centralMeridianDegrees();
    int w = zone.widthDegrees();
    return (cm - w) + "–" + (cm + w) + "° E";
  }
}
