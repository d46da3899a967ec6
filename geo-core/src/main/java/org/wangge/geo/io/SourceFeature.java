package org.wangge.geo.io;

import java.util.Collections;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One record of a spatial file.
 *
 * @param row 1-based record number as a survey team counts it: the data row for CSV (header not
 *     counted), the record number for Shapefile/DBF, the feature index + 1 for the others
 * @param geometry the geometry in the file's coordinate system, or {@code null} when the record has
 *     none
 * @param values attribute values aligned with {@link FeatureReader#fieldNames()}: {@code String},
 *     {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.LocalDate} or {@code null}
 * @param problem why the record could not be read completely, or {@code null}
 */
public record SourceFeature(long row, Geometry geometry, List<Object> values, String problem) {

  public SourceFeature {
    values = values == null ? List.of() : Collections.unmodifiableList(values);
  }

  public static SourceFeature ok(long row, Geometry geometry, List<Object> values) {
    return new SourceFeature(row, geometry, values, null);
  }

  public static SourceFeature unreadable(long row, List<Object> values, String problem) {
    return new SourceFeature(row, null, values, problem);
  }

  public boolean isReadable() {
    return problem == null;
  }
}
