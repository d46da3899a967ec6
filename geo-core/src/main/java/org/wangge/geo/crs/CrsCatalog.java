package org.wangge.geo.crs;

import java.util.Locale;
import java.util.Optional;

/** The supported identifiers, their names and kinds, and the legacy datums that are refused. */
final class CrsCatalog {

  static final String GCJ02_ID = "GCJ02";
  static final String BD09_ID = "BD09";
  static final String SUPPORTED =
      "supported: EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4491–4554 (CGCS2000 Gauss-Krüger), GCJ02,"
          + " BD09";

  static final String LEGACY_DATUM_REASON =
      " Beijing 1954, Xian 1980 and New Beijing coordinates need a 7-parameter transformation to"
          + " CGCS2000 that is not public; convert the data to CGCS2000 with the surveying"
          + " authority's parameters first.";

  private CrsCatalog() {}

  record Definition(String name, Crs.Kind kind) {}

  static Optional<Definition> lookup(String id) {
    switch (id) {
      case GCJ02_ID:
        return Optional.of(
            new Definition("GCJ-02 (Chinese web-map offset of WGS 84)", Crs.Kind.GEOGRAPHIC));
      case BD09_ID:
        return Optional.of(new Definition("BD-09 (Baidu offset of GCJ-02)", Crs.Kind.GEOGRAPHIC));
      default:
        break;
    }
    if (!id.startsWith("EPSG:")) {
      return Optional.empty();
    }
    int code;
    try {
      code = Integer.parseInt(id.substring(5));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return switch (code) {
      case 4326 -> Optional.of(new Definition("WGS 84", Crs.Kind.GEOGRAPHIC));
      case 4490 ->
          Optional.of(new Definition("China Geodetic Coordinate System 2000", Crs.Kind.GEOGRAPHIC));
      case 3857 -> Optional.of(new Definition("WGS 84 / Pseudo-Mercator", Crs.Kind.PROJECTED));
      default ->
          GaussKrugerZone.ofEpsg(code).map(z -> new Definition(z.name(), Crs.Kind.PROJECTED));
    };
  }

  /** The canonical id for user text such as "EPSG:4549", "4549", "CGCS2000" or "gcj-02". */
  static String canonicalId(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    String compact = s.replaceAll("[\\s_\\-]", "");
    switch (compact) {
      case "WGS84", "WGS1984", "CRS84" -> {
        return "EPSG:4326";
      }
      case "CGCS2000", "CGCS", "CHINAGEODETICCOORDINATESYSTEM2000" -> {
        return "EPSG:4490";
      }
      case "WEBMERCATOR", "PSEUDOMERCATOR", "GOOGLE", "EPSG:900913" -> {
        return "EPSG:3857";
      }
      case "GCJ02", "GCJ", "MARS" -> {
        return GCJ02_ID;
      }
      case "BD09", "BD09LL", "BAIDU" -> {
        return BD09_ID;
      }
      default -> {}
    }
    String digits = compact.startsWith("EPSG:") ? compact.substring(5) : compact;
    if (!digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)) {
      return "EPSG:" + Integer.parseInt(digits);
    }
    throw new UnsupportedCrsException(
        "coordinate reference system '" + text + "' is not recognised; " + SUPPORTED);
  }

  /** True for EPSG codes of Beijing 1954, Xian 1980 and New Beijing (geographic and GK zones). */
  static boolean isLegacyChineseDatum(int code) {
    return code == 4214 // Beijing 1954
        || code == 4610 // Xian 1980
        || code == 4555 // New Beijing
        || (code >= 2327 && code <= 2390) // Xian 1980 / Gauss-Kruger
        || (code >= 2401 && code <= 2442) // Beijing 1954 / 3-degree Gauss-Kruger
        || (code >= 4568 && code <= 4589) // New Beijing / Gauss-Kruger
        || (code >= 4652 && code <= 4656)
        || (code >= 4766 && code <= 4800)
        || code == 4812
        || code == 4822 // New Beijing / 3-degree Gauss-Kruger
        || (code >= 21413 && code <= 21423)
        || (code >= 21453 && code <= 21463)
        || (code >= 21473 && code <= 21483); // Beijing 1954 / Gauss-Kruger
  }
}
