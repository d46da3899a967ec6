package org.wangge.geo.io;

/** The survey-file formats Wangge reads. */
public enum SpatialFormat {
  SHAPEFILE("shp"),
  GEOPACKAGE("gpkg"),
  GEOJSON("geojson"),
  CSV("csv"),
  FLATGEOBUF("fgb");

  private final String extension;

  SpatialFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }
}
