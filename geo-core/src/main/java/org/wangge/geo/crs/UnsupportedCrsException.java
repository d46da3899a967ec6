package org.wangge.geo.crs;

/**
 * A coordinate reference system that Wangge cannot transform: an unknown EPSG code or name, or a
 * legacy Chinese datum (Beijing 1954, Xian 1980, New Beijing) with no public transformation to
 * CGCS2000. Distinct from a plain {@link IllegalArgumentException}, which means bad coordinates.
 */
public class UnsupportedCrsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnsupportedCrsException(String message) {
    super(message);
  }
}
