package org.wangge.api.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.wangge.geo.io.CsvFiles;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.FlatGeobufFiles;
import org.wangge.geo.io.GeoJsonFiles;
import org.wangge.geo.io.GeoPackages;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.Shapefiles;
import org.wangge.geo.io.SpatialFormat;
import org.wangge.geo.io.UnreadableFileException;
import org.wangge.geo.io.UploadArchives;

/**
 * Opens an uploaded file with the reader its format needs, by extension: {@code .zip} (a Shapefile
 * or any other supported file inside, extracted with zip-slip and size limits), {@code .shp},
 * {@code .gpkg}, {@code .geojson}/{@code .json}, {@code .csv}, {@code .fgb}. An unknown format
 * fails with the list of supported ones.
 */
public final class SpatialUploads {

  private SpatialUploads() {}

  public static FeatureReader open(Path file, String originalName, ReadOptions options)
      throws IOException {
    return open(file, originalName, options, UploadArchives.Limits.defaults());
  }

  public static FeatureReader open(
      Path file, String originalName, ReadOptions options, UploadArchives.Limits limits)
      throws IOException {
    String name = originalName == null ? file.getFileName().toString() : originalName;
    String ext =
        name.contains(".")
            ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    switch (ext) {
      case "zip" -> {
        Path dir = file.resolveSibling(file.getFileName() + ".unzipped");
        UploadArchives.Extracted extracted = UploadArchives.extract(file, dir, limits);
        return open(extracted.mainFile(), extracted.format(), options);
      }
      case "shp" -> {
        return open(file, SpatialFormat.SHAPEFILE, options);
      }
      case "csv", "txt" -> {
        return open(file, SpatialFormat.CSV, options);
      }
      case "geojson", "json" -> {
        return open(file, SpatialFormat.GEOJSON, options);
      }
      case "gpkg" -> {
        return open(file, SpatialFormat.GEOPACKAGE, options);
      }
      case "fgb" -> {
        return open(file, SpatialFormat.FLATGEOBUF, options);
      }
      default ->
          throw new UnreadableFileException(
              "'"
                  + name
                  + "': unknown format '."
                  + ext
                  + "'; upload a Shapefile (.zip with .shp/.shx/.dbf), GeoPackage (.gpkg),"
                  + " GeoJSON (.geojson), CSV (.csv) or FlatGeobuf (.fgb)");
    }
  }

  /** Whether a file of this name is read as CSV (and so can be read while it arrives). */
  static boolean isCsv(String originalName) {
    String ext =
        originalName != null && originalName.contains(".")
            ? originalName.substring(originalName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    return ext.equals("csv") || ext.equals("txt");
  }

  static FeatureReader open(Path file, SpatialFormat format, ReadOptions options)
      throws IOException {
    return switch (format) {
      case SHAPEFILE -> Shapefiles.open(file, options);
      case CSV -> CsvFiles.open(file, options);
      case GEOJSON -> GeoJsonFiles.open(file, options);
      case GEOPACKAGE -> GeoPackages.open(file, options);
      case FLATGEOBUF -> FlatGeobufFiles.open(file, options);
    };
  }
}
