package org.wangge.geo.crs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies the {@link Crs} of a shapefile's {@code .prj}: ESRI WKT (as ArcGIS writes it, usually
 * without EPSG codes), OGC WKT1 with {@code AUTHORITY["EPSG", …]} and WKT2 with {@code ID["EPSG",
 * …]}.
 *
 * <p>In order: an EPSG authority on the outermost element wins; otherwise the name is matched (ESRI
 * names such as {@code CGCS2000_3_Degree_GK_CM_120E}, {@code CGCS2000_3_Degree_GK_Zone_40}, {@code
 * CGCS2000_GK_CM_117E}, {@code CGCS2000_GK_Zone_20}, {@code
 * GCS_China_Geodetic_Coordinate_System_2000}, {@code GCS_WGS_1984}, {@code
 * WGS_1984_Web_Mercator_Auxiliary_Sphere}, and the EPSG names) and, for Gauss-Krüger names, checked
 * against the central meridian and false easting; otherwise a CGCS2000 Gauss-Krüger or transverse
 * Mercator with scale 1 is identified by its central meridian and false easting (500 000 m, or the
 * zone number × 1 000 000 + 500 000 m). A 3° and a 6° zone without prefix that share a central
 * meridian are the same projection; such a nameless one is reported as the 3° zone.
 *
 * <p>Beijing 1954, Xian 1980 and New Beijing are refused: their transformation to CGCS2000 needs
 * local 7-parameter sets that are not public, and silently treating them as CGCS2000 would shift
 * data by up to ~100 m. Stateless and thread-safe.
 */
public final class PrjFiles {

  private static final Pattern GAUSS_KRUGER_NAME =
      Pattern.compile("CGCS_?2000_(3_DEGREE_)?(?:GK|GAUSS_KRUGER)_(?:CM_(\\d+)E|ZONE_(\\d+))");
  private static final Pattern LEGACY_DATUM =
      Pattern.compile("XIAN_?1980|BEIJING_?1954|NEW_BEIJING");

  private PrjFiles() {}

  /**
   * Reads a {@code .prj} file (UTF-8 or ASCII) and identifies its CRS.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @see #toCrs(String)
   */
  public static Crs read(Path prj) {
    try {
      return toCrs(Files.readString(prj, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + prj, e);
    }
  }

  /**
   * Identifies the CRS described by {@code wkt}.
   *
   * @throws UnsupportedCrsException naming the PROJCS or GEOGCS name when it is not a supported
   *     CRS, including Beijing 1954 and Xian 1980
   * @throws IllegalArgumentException if the WKT is malformed, or its name contradicts its
   *     parameters (naming both)
   */
  public static Crs toCrs(String wkt) {
    if (wkt == null || wkt.isBlank()) {
      throw new IllegalArgumentException(".prj text is empty");
    }
    Wkt root = Wkt.parse(wkt.replace("\uFEFF", ""));
    String keyword = root.upperKeyword();
    boolean projected = keyword.equals("PROJCS") || keyword.equals("PROJCRS");
    boolean geographic =
        keyword.equals("GEOGCS") || keyword.equals("GEOGCRS") || keyword.equals("GEODCRS");
    if (!projected && !geographic) {
      throw new UnsupportedCrsException(
          "WKT of kind " + root.keyword() + " ('" + root.name() + "') is not a supported CRS");
    }
    String what = root.keyword() + " '" + root.name() + "'";
    rejectLegacyDatum(root, what);

    Optional<Integer> epsg = epsgAuthority(root);
    if (epsg.isPresent()) {
      try {
        return Crs.epsg(epsg.get());
      } catch (UnsupportedCrsException e) {
        throw new UnsupportedCrsException(what + " has " + e.getMessage());
      }
    }
    String name = normalise(root.name());
    if (geographic) {
      return geographicByName(name)
          .orElseThrow(
              () ->
                  new UnsupportedCrsException(
                      what + " is not a supported CRS; " + CrsCatalog.SUPPORTED));
    }
    return projected(root, name, what);
  }

  private static Crs projected(Wkt root, String name, String what) {
    if (name.equals("WGS_1984_WEB_MERCATOR_AUXILIARY_SPHERE")
        || name.equals("WGS_84_PSEUDO_MERCATOR")
        || name.equals("WGS_1984_WEB_MERCATOR")) {
      return Crs.WEB_MERCATOR;
    }
    Map<String, Double> parameters = parameters(root);
    Matcher m = GAUSS_KRUGER_NAME.matcher(name);
    if (m.matches()) {
      int width = m.group(1) != null ? 3 : 6;
      GaussKrugerZone zone;
      try {
        zone =
            m.group(2) != null
                ? GaussKrugerZone.ofCentralMeridian(width, Integer.parseInt(m.group(2)), false)
                : new GaussKrugerZone(width, Integer.parseInt(m.group(3)), true);
      } catch (IllegalArgumentException e) {
        throw new UnsupportedCrsException(what + ": " + e.getMessage());
      }
      requireAgrees(what, zone, parameters);
      return Crs.epsg(zone.epsgCode());
    }
    String geogcs =
        root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS").map(g -> normalise(g.name())).orElse("");
    String datum =
        root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS")
            .flatMap(g -> g.child("DATUM"))
            .map(d -> normalise(d.name()))
            .orElse("");
    String projection = root.child("PROJECTION").map(p -> normalise(p.name())).orElse("");
    boolean cgcs2000 = isCgcs2000(geogcs) || isCgcs2000(datum);
    boolean transverseMercator =
        projection.equals("GAUSS_KRUGER") || projection.equals("TRANSVERSE_MERCATOR");
    if (cgcs2000 && transverseMercator) {
      return fromParameters(what, parameters);
    }
    throw new UnsupportedCrsException(
        what
            + " is not a supported CRS (projection '"
            + projection
            + "' on '"
            + geogcs
            + "'); "
            + CrsCatalog.SUPPORTED);
  }

  /** A CGCS2000 transverse Mercator identified by its parameters alone. */
  private static Crs fromParameters(String what, Map<String, Double> p) {
    Double centralMeridian = p.get("CENTRAL_MERIDIAN");
    Double falseEasting = p.get("FALSE_EASTING");
    if (centralMeridian == null || falseEasting == null) {
      throw new UnsupportedCrsException(
          what + " lacks Central_Meridian or False_Easting, so its zone is unknown");
    }
    double scale = p.getOrDefault("SCALE_FACTOR", 1.0);
    double latitudeOfOrigin = p.getOrDefault("LATITUDE_OF_ORIGIN", 0.0);
    double falseNorthing = p.getOrDefault("FALSE_NORTHING", 0.0);
    if (scale != 1.0 || latitudeOfOrigin != 0.0 || falseNorthing != 0.0) {
      throw new UnsupportedCrsException(
          what
              + " is a local transverse Mercator (scale "
              + scale
              + ", latitude of origin "
              + latitudeOfOrigin
              + ", false northing "
              + falseNorthing
              + "), not a CGCS2000 Gauss-Krüger zone");
    }
    double prefix = (falseEasting - GaussKrugerZone.UNPREFIXED_FALSE_EASTING) / 1_000_000;
    try {
      GaussKrugerZone zone;
      if (prefix == 0) {
        zone = GaussKrugerZone.ofCentralMeridian(3, centralMeridian, false);
      } else if (prefix == Math.rint(prefix) && prefix >= 13 && prefix <= 23) {
        zone = new GaussKrugerZone(6, (int) prefix, true);
      } else if (prefix == Math.rint(prefix) && prefix >= 25 && prefix <= 45) {
        zone = new GaussKrugerZone(3, (int) prefix, true);
      } else {
        throw new IllegalArgumentException(
            "false easting " + falseEasting + " m is neither 500000 nor a zone-prefixed value");
      }
      requireAgrees(what, zone, p);
      return Crs.epsg(zone.epsgCode());
    } catch (UnsupportedCrsException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UnsupportedCrsException(
          what
              + " (central meridian "
              + centralMeridian
              + "°, false easting "
              + falseEasting
              + " m) is not a CGCS2000 Gauss-Krüger zone: "
              + e.getMessage());
    }
  }

  private static void requireAgrees(String what, GaussKrugerZone zone, Map<String, Double> p) {
    Double centralMeridian = p.get("CENTRAL_MERIDIAN");
    if (centralMeridian != null && centralMeridian != zone.centralMeridianDegrees()) {
      throw new IllegalArgumentException(
          what
              + " names central meridian "
              + zone.centralMeridianDegrees()
              + "° but its Central_Meridian parameter is "
              + centralMeridian
              + "°");
    }
    Double falseEasting = p.get("FALSE_EASTING");
    if (falseEasting != null && falseEasting != zone.falseEastingMeters()) {
      throw new IllegalArgumentException(
          what
              + " implies false easting "
              + (long) zone.falseEastingMeters()
              + " m but its False_Easting parameter is "
              + falseEasting
              + " m");
    }
  }

  private static Optional<Crs> geographicByName(String name) {
    if (isCgcs2000(name)) {
      return Optional.of(Crs.CGCS2000);
    }
    return switch (name) {
      case "GCS_WGS_1984", "WGS_1984", "WGS_84", "WGS84" -> Optional.of(Crs.WGS84);
      default -> Optional.empty();
    };
  }

  private static boolean isCgcs2000(String name) {
    return switch (name) {
      case "GCS_CHINA_GEODETIC_COORDINATE_SYSTEM_2000",
          "CHINA_GEODETIC_COORDINATE_SYSTEM_2000",
          "D_CHINA_2000",
          "CHINA_2000",
          "CGCS2000",
          "GCS_CGCS2000" ->
          true;
      default -> false;
    };
  }

  private static void rejectLegacyDatum(Wkt root, String what) {
    StringBuilder names = new StringBuilder(normalise(root.name()));
    root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS")
        .ifPresent(
            g -> {
              names.append(' ').append(normalise(g.name()));
              g.child("DATUM")
                  .ifPresent(
                      d -> {
                        names.append(' ').append(normalise(d.name()));
                        d.child("SPHEROID", "ELLIPSOID")
                            .ifPresent(s -> names.append(' ').append(normalise(s.name())));
                      });
            });
    root.child("DATUM")
        .ifPresent(
            d -> {
              names.append(' ').append(normalise(d.name()));
              d.child("SPHEROID", "ELLIPSOID")
                  .ifPresent(s -> names.append(' ').append(normalise(s.name())));
            });
    if (LEGACY_DATUM.matcher(names).find()) {
      throw new UnsupportedCrsException(
          what
              + " uses a legacy Chinese datum and is not supported."
              + CrsCatalog.LEGACY_DATUM_REASON);
    }
  }

  private static Optional<Integer> epsgAuthority(Wkt root) {
    return root.child("AUTHORITY", "ID")
        .filter(a -> a.name().equalsIgnoreCase("EPSG"))
        .flatMap(a -> a.number(1))
        .map(Double::intValue);
  }

  private static Map<String, Double> parameters(Wkt root) {
    Map<String, Double> result = new HashMap<>();
    for (Wkt parameter : root.children("PARAMETER")) {
      parameter.number(1).ifPresent(v -> result.put(normalise(parameter.name()), v));
    }
    return result;
  }

  /** Upper case with every run of other characters than letters and digits turned into '_'. */
  static String normalise(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
