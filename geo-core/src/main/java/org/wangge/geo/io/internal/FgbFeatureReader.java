package org.wangge.geo.io.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.crs.PrjFiles;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.Header;

/**
 * Streams a FlatGeobuf file: magic bytes, the size-prefixed header, the spatial index (skipped),
 * then size-prefixed features decoded with the {@code org.wololo:flatgeobuf} flatbuffer classes.
 * Behaviour is documented on {@link org.wangge.geo.io.FlatGeobufFiles}. Not thread-safe.
 */
public final class FgbFeatureReader implements FeatureReader {

  /** Larger headers or features are taken as corruption rather than allocated. */
  private static final int MAX_BLOCK_BYTES = 256 * 1024 * 1024;

  private final Path file;
  private final InputStream in;
  private final String layer;
  private final int geometryType;
  private final List<String> fieldNames;
  private final int[] columnTypes;
  private final Optional<Crs> crs;
  private final String crsNote;
  private final long featuresCount;
  private long row;
  private boolean done;

  private FgbFeatureReader(
      Path file, InputStream in, Header header, Optional<Crs> crs, String crsNote) {
    this.file = file;
    this.in = in;
    this.layer = header.name();
    this.geometryType = header.geometryType();
    this.crs = crs;
    this.crsNote = crsNote;
    this.featuresCount = header.featuresCount();
    List<String> names = new ArrayList<>();
    columnTypes = new int[header.columnsLength()];
    for (int i = 0; i < columnTypes.length; i++) {
      Column column = header.columns(i);
      names.add(column.name());
      columnTypes[i] = column.type();
    }
    fieldNames = List.copyOf(names);
  }

  public static FgbFeatureReader open(Path file, ReadOptions options) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UnreadableFileException(file.getFileName() + " cannot be read (missing?)");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    try {
      byte[] magic = in.readNBytes(8);
      if (magic.length < 8 || magic[0] != 'f' || magic[1] != 'g' || magic[2] != 'b') {
        throw new UnreadableFileException(
            file.getFileName() + " is not a FlatGeobuf file (no 'fgb' signature)");
      }
      if (magic[3] != 3) {
        throw new UnreadableFileException(
            file.getFileName() + " is FlatGeobuf version " + magic[3] + "; only version 3 is read");
      }
      ByteBuffer headerBytes = block(in, file, "header");
      if (headerBytes == null) {
        throw new UnreadableFileException(file.getFileName() + " is truncated: it has no header");
      }
      Header header;
      try {
        header = Header.getRootAsHeader(headerBytes);
        header.columnsLength();
        header.geometryType();
      } catch (RuntimeException e) {
        throw new UnreadableFileException(file.getFileName() + " has a corrupt header: " + e, e);
      }
      Optional<Crs> crs;
      String crsNote;
      if (options.crs() != null) {
        crs = Optional.of(options.crs());
        crsNote = options.crs().id() + " as given";
      } else {
        crs = declaredCrs(file, header);
        crsNote = crs.map(c -> c.id() + " from its header").orElse("no CRS declared");
      }
      if (header.indexNodeSize() > 0 && header.featuresCount() > 0) {
        long indexBytes =
            PackedRTree.calcSize(Math.toIntExact(header.featuresCount()), header.indexNodeSize());
        in.skipNBytes(indexBytes);
      }
      return new FgbFeatureReader(file, in, header, crs, crsNote);
    } catch (java.io.EOFException e) {
      in.close();
      throw new UnreadableFileException(
          file.getFileName() + " is truncated inside its header or spatial index", e);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
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
        + " (FlatGeobuf"
        + (layer == null || layer.isEmpty() ? "" : " layer '" + layer + "'")
        + ", "
        + crsNote
        + ")";
  }

  @Override
  public SourceFeature next() throws IOException {
    if (done) {
      return null;
    }
    ByteBuffer bytes = block(in, file, "feature " + (row + 1));
    if (bytes == null) {
      done = true;
      if (featuresCount > 0 && row < featuresCount) {
        throw new UnreadableFileException(
            file.getFileName()
                + " is truncated: its header announces "
                + featuresCount
                + " features, the file ends after "
                + row);
      }
      return null;
    }
    row++;
    Feature feature;
    try {
      feature = Feature.getRootAsFeature(bytes);
    } catch (RuntimeException e) {
      return SourceFeature.unreadable(row, nulls(), "corrupt feature: " + e);
    }
    List<Object> values = nulls();
    String problem = null;
    try {
      ByteBuffer properties = feature.propertiesAsByteBuffer();
      if (properties != null) {
        FgbProperties.decode(properties.order(ByteOrder.LITTLE_ENDIAN), columnTypes, values);
      }
    } catch (RuntimeException e) {
      problem = "properties cannot be decoded: " + e.getMessage();
    }
    Geometry geometry = null;
    try {
      org.wololo.flatgeobuf.generated.Geometry g = feature.geometry();
      if (g != null) {
        geometry = GeometryConversions.deserialize(g, geometryType != 0 ? geometryType : g.type());
      }
    } catch (RuntimeException e) {
      String reason = "geometry cannot be decoded: " + e;
      problem = problem == null ? reason : problem + "; " + reason;
    }
    return problem == null
        ? SourceFeature.ok(row, geometry, values)
        : SourceFeature.unreadable(row, values, problem);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private List<Object> nulls() {
    List<Object> values = new ArrayList<>(fieldNames.size());
    for (int i = 0; i < fieldNames.size(); i++) {
      values.add(null);
    }
    return values;
  }

  /** The next size-prefixed block, or null at a clean end of file. */
  private static ByteBuffer block(InputStream in, Path file, String what) throws IOException {
    byte[] prefix = in.readNBytes(4);
    if (prefix.length == 0) {
      return null;
    }
    if (prefix.length < 4) {
      throw new UnreadableFileException(file.getFileName() + " is truncated at " + what);
    }
    long size = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    if (size > MAX_BLOCK_BYTES) {
      throw new UnreadableFileException(
          file.getFileName() + " is corrupt: " + what + " claims " + size + " bytes");
    }
    byte[] body = in.readNBytes((int) size);
    if (body.length < size) {
      throw new UnreadableFileException(
          file.getFileName()
              + " is truncated at "
              + what
              + " ("
              + body.length
              + " of "
              + size
              + " bytes)");
    }
    return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Optional<Crs> declaredCrs(Path file, Header header)
      throws UnreadableFileException {
    org.wololo.flatgeobuf.generated.Crs declared = header.crs();
    if (declared == null) {
      return Optional.empty();
    }
    String org = declared.org();
    int code = declared.code();
    try {
      if (code > 0 && (org == null || org.isEmpty() || org.equalsIgnoreCase("EPSG"))) {
        return Optional.of(Crs.epsg(code));
      }
      String wkt = declared.wkt();
      if (wkt != null && !wkt.isBlank()) {
        return Optional.of(PrjFiles.toCrs(wkt));
      }
      if (code > 0) {
        throw new IllegalArgumentException(org + ":" + code + " is not an EPSG code");
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new UnreadableFileException(
          file.getFileName()
              + " declares a coordinate system Wangge cannot use ("
              + (org == null ? "EPSG" : org)
              + ":"
              + code
              + "): "
              + e.getMessage()
              + "; choose the coordinate system when uploading",
          e);
    }
  }
}
