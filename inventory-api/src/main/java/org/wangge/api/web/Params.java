package org.wangge.api.web;

/** Parsing of query parameters with errors that name the parameter. */
public final class Params {

  private Params() {}

  /** Checks list paging: {@code limit} 1–10,000 rows, {@code offset} not negative. */
  public static void paging(int limit, int offset) {
    if (limit < 1 || limit > 10_000) {
      throw new InvalidParameterException("limit", "limit must be 1–10000, not " + limit);
    }
    if (offset < 0) {
      throw new InvalidParameterException("offset", "offset must not be negative, not " + offset);
    }
  }

  /** A box "minLon,minLat,maxLon,maxLat" in degrees. */
  public static double[] bbox(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidParameterException(
          field, field + " is required: minLon,minLat,maxLon,maxLat");
    }
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw new InvalidParameterException(
          field, field + " '" + text + "' must have 4 numbers: minLon,minLat,maxLon,maxLat");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      v[i] = number(field, parts[i].strip());
    }
    if (v[0] > v[2] || v[1] > v[3]) {
      throw new InvalidParameterException(
          field, field + " '" + text + "': min must not exceed max (minLon,minLat,maxLon,maxLat)");
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
      throw new InvalidParameterException(
          field, field + " '" + text + "' is outside lon [-180, 180], lat [-90, 90]");
    }
    return v;
  }

  public static double number(String field, String text) {
    try {
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidParameterException(field, field + " '" + text + "' is not a number");
    }
  }

  public static double lon(String field, String text) {
    double v = number(field, text);
    if (v < -180 || v > 180) {
      throw new InvalidParameterException(field, field + " " + v + " is outside [-180, 180]");
    }
    return v;
  }

  public static double lat(String field, String text) {
    double v = number(field, text);
    if (v < -90 || v > 90) {
      throw new InvalidParameterException(
          field, field + " " + v + " is outside [-90, 90] (are lon and lat swapped?)");
    }
    return v;
  }

  public static int intIn(String field, String text, int defaultValue, int min, int max) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    int v;
    try {
      v = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(field, field + " '" + text + "' is not a whole number");
    }
    if (v < min || v > max) {
      throw new InvalidParameterException(
          field, field + " " + v + " is outside " + min + "–" + max);
    }
    return v;
  }
}
