package org.wangge.geo.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.wangge.geo.crs.Crs;

/**
 * Reads the features of one spatial file, one at a time, in file order: the streaming contract
 * every survey-file format implements (Shapefile, GeoPackage, GeoJSON, CSV, FlatGeobuf).
 *
 * <p>Geometries are returned <em>as stored</em>, in the file's own coordinate system ({@link
 * #declaredCrs()}); transforming to CGCS2000 lon/lat is the caller's step. A record that cannot be
 * read (an unparsable coordinate, a broken geometry blob) comes back as a {@link SourceFeature}
 * with a {@link SourceFeature#problem() problem} and its row number, so an import rejects that row
 * and goes on; a file that cannot be read at all throws {@link UnreadableFileException} with a
 * message a survey team can act on.
 *
 * <p>Not thread-safe: one reader per thread. Memory stays bounded whatever the file size.
 */
public interface FeatureReader extends Closeable {

  /** The attribute names in file order (as written in the file, case preserved). */
  List<String> fieldNames();

  /** The CRS the file declares ({@code .prj}, GeoPackage SRS, GeoJSON {@code crs}), if any. */
  Optional<Crs> declaredCrs();

  /** The next feature, or {@code null} after the last one. */
  SourceFeature next() throws IOException;

  /** A short description of what is being read, for messages: file name, layer, encoding. */
  String describe();
}
