package org.wangge.geo.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Reads one feature table of a GeoPackage: metadata (tables, columns, SRS) through NGA's GeoPackage
 * library, rows through a forward-only SQL cursor on its connection, geometries by {@link
 * GpkgGeometries}. Behaviour is documented on {@link org.wangge.geo.io.GeoPackages}. Not
 * thread-safe.
 */
public final class GpkgFeatureReader implements FeatureReader {

  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final GeoPackage geoPackage;
  private final String table;
  private final List<String> otherTables;
  private final List<String> fieldNames;
  private final List<GeoPackageDataType> fieldTypes;
  private final String pkColumn;
  private final Optional<Crs> crs;
  private final String crsNote;
  private final Statement statement;
  private final ResultSet rows;
  private long row;
  private boolean done;

  private GpkgFeatureReader(
      Path file,
      GeoPackage geoPackage,
      String table,
      List<String> otherTables,
      Optional<Crs> crs,
      String crsNote)
      throws UnreadableFileException {
    this.file = file;
    this.geoPackage = geoPackage;
    this.table = table;
    this.otherTables = otherTables;
    this.crs = crs;
    this.crsNote = crsNote;
    FeatureDao dao = geoPackage.getFeatureDao(table);
    String geometryColumn = dao.getGeometryColumnName();
    pkColumn = dao.getTable().hasPkColumn() ? dao.getTable().getPkColumnName() : null;
    List<String> names = new ArrayList<>();
    List<GeoPackageDataType> types = new ArrayList<>();
    for (FeatureColumn column : dao.getTable().getColumns()) {
      if (!column.getName().equals(geometryColumn) && !column.getName().equals(pkColumn)) {
        names.add(column.getName());
        types.add(column.getDataType());
      }
    }
    fieldNames = List.copyOf(names);
    fieldTypes = types;
    StringBuilder sql = new StringBuilder("SELECT ").append(quote(geometryColumn));
    if (pkColumn != null) {
      sql.append(", ").append(quote(pkColumn));
    }
    for (String name : names) {
      sql.append(", ").append(quote(name));
    }
    sql.append(" FROM ").append(quote(table));
    if (pkColumn != null) {
      sql.append(" ORDER BY ").append(quote(pkColumn));
    }
    try {
      Connection connection = geoPackage.getConnection().getConnection();
      statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(256);
      rows = statement.executeQuery(sql.toString());
    } catch (SQLException e) {
      throw new UnreadableFileException(describe() + " cannot be read: " + e.getMessage(), e);
    }
  }

  public static GpkgFeatureReader open(Path file, ReadOptions options) throws IOException {
    GeoPackage geoPackage = connect(file);
    try {
      List<String> tables = featureTables(file, geoPackage);
      String table;
      if (options.layer() != null) {
        if (!tables.contains(options.layer())) {
          throw new UnreadableFileException(
              file.getFileName()
                  + " has no feature table '"
                  + options.layer()
                  + "'; its feature tables are "
                  + tables);
        }
        table = options.layer();
      } else {
        table = tables.get(0);
      }
      List<String> others = new ArrayList<>(tables);
      others.remove(table);
      Optional<Crs> crs;
      String crsNote;
      if (options.crs() != null) {
        crs = Optional.of(options.crs());
        crsNote = options.crs().id() + " as given";
      } else {
        crs = declaredCrs(file, table, geoPackage.getFeatureDao(table).getSrs());
        crsNote = crs.map(c -> c.id() + " from its SRS").orElse("no CRS declared");
      }
      return new GpkgFeatureReader(file, geoPackage, table, List.copyOf(others), crs, crsNote);
    } catch (IOException | RuntimeException e) {
      geoPackage.close();
      if (e instanceof IOException io) {
        throw io;
      }
      throw new UnreadableFileException(
          file.getFileName() + " is not a readable GeoPackage: " + e.getMessage(), e);
    }
  }

  public static List<String> featureTables(Path file) throws IOException {
    GeoPackage geoPackage = connect(file);
    try {
      return featureTables(file, geoPackage);
    } catch (RuntimeException e) {
      throw new UnreadableFileException(
          file.getFileName() + " is not a readable GeoPackage: " + e.getMessage(), e);
    } finally {
      geoPackage.close();
    }
  }

  @Override
  public List<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public Optional<Crs> declaredCrs() {
    return crs;
  }

  @Override
  public String describe() {
    return file.getFileName()
        + " (GeoPackage table '"
        + table
        + "', "
        + crsNote
        + (otherTables.isEmpty() ? "" : "; other feature tables not read: " + otherTables)
        + ")";
  }

  @Override
  public SourceFeature next() throws IOException {
    if (done) {
      return null;
    }
    try {
      if (!rows.next()) {
        done = true;
        return null;
      }
      row++;
      List<Object> values = new ArrayList<>(fieldNames.size());
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < fieldNames.size(); i++) {
        Object raw = rows.getObject(i + (pkColumn == null ? 2 : 3));
        try {
          values.add(GpkgGeometries.value(raw, fieldTypes.get(i)));
        } catch (RuntimeException e) {
          values.add(raw == null ? null : String.valueOf(raw));
          problems.add(fieldNames.get(i) + ": " + e.getMessage());
        }
      }
      Geometry geometry = null;
      byte[] blob = rows.getBytes(1);
      if (blob != null) {
        try {
          geometry = GpkgGeometries.decode(blob);
        } catch (IllegalArgumentException e) {
          String key = pkColumn == null ? "" : " (" + pkColumn + " " + rows.getString(2) + ")";
          problems.add("geometry" + key + " cannot be decoded: " + e.getMessage());
        }
      }
      return problems.isEmpty()
          ? SourceFeature.ok(row, geometry, values)
          : SourceFeature.unreadable(row, values, String.join("; ", problems));
    } catch (SQLException e) {
      throw new UnreadableFileException(
          describe() + " cannot be read after row " + row + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
      statement.close();
    } catch (SQLException e) {
      throw new IOException("closing " + describe(), e);
    } finally {
      geoPackage.close();
    }
  }

  private static GeoPackage connect(Path file) throws UnreadableFileException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UnreadableFileException(file.getFileName() + " cannot be read (missing?)");
    }
    byte[] head = new byte[SQLITE_MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UnreadableFileException(file.getFileName() + " cannot be read: " + e, e);
    }
    if (n < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
      throw new UnreadableFileException(
          file.getFileName() + " is not a GeoPackage: it is not an SQLite database");
    }
    try {
      GeoPackage geoPackage =
          GeoPackageManager.open(file.getFileName().toString(), false, file.toFile(), false);
      try {
        geoPackage.getSpatialReferenceSystemDao().isTableExists();
        return geoPackage;
      } catch (RuntimeException | SQLException e) {
        geoPackage.close();
        throw e;
      }
    } catch (RuntimeException | SQLException e) {
      throw new UnreadableFileException(
          file.getFileName() + " is not a readable GeoPackage (damaged or truncated?): " + cause(e),
          e);
    }
  }

  private static List<String> featureTables(Path file, GeoPackage geoPackage)
      throws UnreadableFileException {
    List<String> tables;
    try {
      if (!geoPackage.isTable("gpkg_contents") || !geoPackage.isTable("gpkg_spatial_ref_sys")) {
        throw new UnreadableFileException(
            file.getFileName()
                + " is an SQLite database but not a GeoPackage: it lacks gpkg_contents or"
                + " gpkg_spatial_ref_sys");
      }
      tables = geoPackage.getFeatureTables();
    } catch (RuntimeException e) {
      throw new UnreadableFileException(
          file.getFileName() + " is not a readable GeoPackage (damaged or truncated?): " + cause(e),
          e);
    }
    if (tables.isEmpty()) {
      throw new UnreadableFileException(file.getFileName() + " has no feature table");
    }
    return tables;
  }

  private static Optional<Crs> declaredCrs(Path file, String table, SpatialReferenceSystem srs)
      throws UnreadableFileException {
    if (srs == null || srs.getSrsId() == 0 || srs.getSrsId() == -1) {
      return Optional.empty();
    }
    try {
      if ("EPSG".equalsIgnoreCase(srs.getOrganization()) && srs.getOrganizationCoordsysId() > 0) {
        return Optional.of(Crs.epsg((int) srs.getOrganizationCoordsysId()));
      }
      String wkt = srs.getDefinition();
      if (wkt == null || wkt.isBlank() || wkt.equalsIgnoreCase("undefined")) {
        wkt = srs.getDefinition_12_063();
      }
      if (wkt == null || wkt.isBlank() || wkt.equalsIgnoreCase("undefined")) {
        return Optional.empty();
      }
      return Optional.of(org.wangge.geo.crs.PrjFiles.toCrs(wkt));
    } catch (RuntimeException e) {
      throw new UnreadableFileException(
          file.getFileName()
              + " table '"
              + table
              + "' uses SRS "
              + srs.getSrsId()
              + " ('"
              + srs.getSrsName()
              + "', "
              + srs.getOrganization()
              + ":"
              + srs.getOrganizationCoordsysId()
              + "), which Wangge cannot use: "
              + e.getMessage()
              + "; choose the coordinate system when uploading",
          e);
    }
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
