package org.wangge.api.grid;

import java.io.IOException;
import java.nio.file.Path;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;

/**
 * Opens an uploaded grid file as a {@link FeatureReader}, choosing the format from the file name
 * ({@link org.wangge.api.importing.SpatialUploads}: Shapefile in a zip, GeoPackage, GeoJSON, CSV,
 * FlatGeobuf — the same readers as the component import).
 */
@FunctionalInterface
interface GridFileOpener {

  /**
   * @param file the upload on disk
   * @param name the file name the client sent, for format detection and messages
   * @throws org.wangge.geo.io.UnreadableFileException when the file cannot be read at all
   */
  FeatureReader open(Path file, String name, ReadOptions options) throws IOException;
}
