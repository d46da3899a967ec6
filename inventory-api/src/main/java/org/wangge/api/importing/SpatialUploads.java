package org.wangge.api.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Opens an uploaded file with the reader its format needs: by extension ({@code .zip} with a
 * Shapefile inside, {@code .shp}, {@code .gpkg}, {@code .geojson}/{@code .json}, {@code .csv},
 * {@code .fgb}). An unknown format fails with the list of supported ones.
 */
public final class SpatialUploads {

  private SpatialUploads() {}

  public static FeatureReader open(Path file, String originalName, ReadOptions options)
      throws IOException {
    String name = originalName == null ? file.getFileName().toString() : originalName;
    String ext =
        name.contains(".")
            ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    throw new UnreadableFileException(
        "'"
            + name
            + "': unknown format '."
            + ext
            + "'; upload a Shapefile (.zip with .shp/.shx/.dbf), GeoPackage (.gpkg), GeoJSON"
            + " (.geojson), CSV (.csv) or FlatGeobuf (.fgb)");
  }
}
