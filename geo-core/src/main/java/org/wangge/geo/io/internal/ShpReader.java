package org.wangge.geo.io.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.crs.PrjFiles;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Streams a Shapefile: records are located through the {@code .shx}, read from the {@code .shp}
 * through a sliding window and paired with the {@code .dbf} record of the same number. Memory is
 * the window plus one record. Not thread-safe.
 */
public final class ShpReader implements FeatureReader {

  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final int FILE_CODE = 9994;
  private static final int HEADER = 100;
  private static final int WINDOW = 1 << 18;

  private final String shpName;
  private final FileChannel shp;
  private final long shpSize;
  private final DataInputStream shx;
  private final long shapeCount;
  private final int fileShapeType;
  private final DbfReader dbf;
  private final Optional<Crs> crs;
  private final String encoding;
  private final ShpGeometries geometries = new ShpGeometries(FACTORY);
  private ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
  private long windowStart = -1;
  private long row;

  private ShpReader(
      String shpName,
      FileChannel shp,
      DataInputStream shx,
      long shapeCount,
      int fileShapeType,
      DbfReader dbf,
      Optional<Crs> crs,
      String encoding)
      throws IOException {
    this.shpName = shpName;
    this.shp = shp;
    this.shpSize = shp.size();
    this.shx = shx;
    this.shapeCount = shapeCount;
    this.fileShapeType = fileShapeType;
    this.dbf = dbf;
    this.crs = crs;
    this.encoding = encoding;
  }

  /** Opens the Shapefile whose {@code .shp} is given; see {@code Shapefiles.open}. */
  public static ShpReader open(Path shpPath, ReadOptions options) throws IOException {
    ReadOptions opts = options == null ? ReadOptions.defaults() : options;
    String shpName = shpPath.getFileName().toString();
    if (!Files.isRegularFile(shpPath)) {
      throw new UnreadableFileException(shpName + " does not exist");
    }
    Path shxPath = requirePart(shpPath, "shx", "the shape index");
    Path dbfPath = requirePart(shpPath, "dbf", "the attribute table");
    Optional<Crs> crs = crs(shpPath, opts);
    Charset charset = opts.charset();
    String encoding = charset == null ? null : charset.name() + " (chosen on upload)";
    Optional<Path> cpg = sibling(shpPath, "cpg");
    if (charset == null && cpg.isPresent()) {
      String text = Files.readString(cpg.get(), StandardCharsets.ISO_8859_1);
      if (!text.isBlank()) {
        charset = DbfCodePages.forName(text, cpg.get().getFileName().toString());
        encoding = charset.name() + " (from .cpg)";
      }
    }

    FileChannel shp = FileChannel.open(shpPath, StandardOpenOption.READ);
    DataInputStream shx = null;
    DbfReader dbf = null;
    try {
      int shapeType = header(shp, shpName, shp.size());
      long shxSize = Files.size(shxPath);
      shx = new DataInputStream(new BufferedInputStream(Files.newInputStream(shxPath), 1 << 16));
      byte[] shxHeader = shx.readNBytes(HEADER);
      if (shxHeader.length < HEADER || ByteBuffer.wrap(shxHeader).getInt() != FILE_CODE) {
        throw new UnreadableFileException(
            shxPath.getFileName() + " is not a Shapefile index (.shx): its header is broken");
      }
      dbf = DbfReader.open(dbfPath, charset);
      if (encoding == null) {
        encoding =
            dbf.charset().name()
                + (dbf.languageDriverId() != 0
                        && DbfCodePages.forLdid(dbf.languageDriverId()) != null
                    ? " (from the .dbf language driver id 0x"
                        + Integer.toHexString(dbf.languageDriverId()).toUpperCase(Locale.ROOT)
                        + ")"
                    : " (undeclared; assumed)");
      }
      return new ShpReader(
          shpName, shp, shx, (shxSize - HEADER) / 8, shapeType, dbf, crs, encoding);
    } catch (IOException | RuntimeException e) {
      shp.close();
      if (shx != null) {
        shx.close();
      }
      if (dbf != null) {
        dbf.close();
      }
      throw e;
    }
  }

  private static int header(FileChannel shp, String shpName, long size) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (header.hasRemaining() && shp.read(header) > 0) {}
    header.flip();
    if (header.limit() < HEADER || header.getInt(0) != FILE_CODE) {
      throw new UnreadableFileException(
          shpName + " is not a Shapefile: its 100-byte header is missing or broken");
    }
    header.order(ByteOrder.LITTLE_ENDIAN);
    int version = header.getInt(28);
    int shapeType = header.getInt(32);
    if (version != 1000) {
      throw new UnreadableFileException(
          shpName + " has a broken header (version " + version + ", expected 1000)");
    }
    int family = ShpGeometries.family(shapeType);
    if (family == ShpGeometries.MULTIPATCH) {
      throw new UnreadableFileException(
          shpName
              + " holds MultiPatch (3-D surface) shapes, which Wangge does not read;"
              + " export points, lines or polygons");
    }
    if (family < 0) {
      throw new UnreadableFileException(
          shpName + " has an unknown shape type " + shapeType + " in its header");
    }
    return shapeType;
  }

  private static Optional<Crs> crs(Path shp, ReadOptions options) throws UnreadableFileException {
    if (options.crs() != null) {
      return Optional.of(options.crs());
    }
    Optional<Path> prj = sibling(shp, "prj");
    if (prj.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PrjFiles.read(prj.get()));
    } catch (RuntimeException e) {
      throw new UnreadableFileException(
          prj.get().getFileName()
              + ": "
              + e.getMessage()
              + "; choose the coordinate system on upload if the .prj is wrong",
          e);
    }
  }

  private static Path requirePart(Path shp, String extension, String what)
      throws UnreadableFileException {
    return sibling(shp, extension)
        .orElseThrow(
            () ->
                new UnreadableFileException(
                    "the Shapefile "
                        + shp.getFileName()
                        + " has no ."
                        + extension
                        + " ("
                        + what
                        + ") next to it: expected "
                        + baseName(shp.getFileName().toString())
                        + "."
                        + extension
                        + "; a Shapefile needs its .shp, .shx and .dbf together"));
  }

  /** The file next to {@code shp} with the same base name and this extension, any case. */
  public static Optional<Path> sibling(Path shp, String extension) {
    String base = baseName(shp.getFileName().toString());
    Path exact = shp.resolveSibling(base + "." + extension);
    if (Files.isRegularFile(exact)) {
      return Optional.of(exact);
    }
    Path dir = shp.toAbsolutePath().getParent();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.equalsIgnoreCase(base + "." + extension) && Files.isRegularFile(file)) {
          return Optional.of(file);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  @Override
  public List<String> fieldNames() {
    return dbf.fieldNames();
  }

  @Override
  public Optional<Crs> declaredCrs() {
    return crs;
  }

  @Override
  public SourceFeature next() throws IOException {
    while (true) {
      long number = row + 1;
      if (number > shapeCount && number > dbf.recordCount()) {
        return null;
      }
      row = number;
      DbfReader.Record attributes = number <= dbf.recordCount() ? dbf.next() : null;
      String shapeProblem = null;
      Geometry geometry = null;
      if (number <= shapeCount) {
        long offset = (Integer.toUnsignedLong(shx.readInt())) * 2;
        int length = shx.readInt() * 2;
        if (attributes != null && attributes.deleted()) {
          continue;
        }
        try {
          geometry = shape(number, offset, length);
        } catch (ShpGeometries.BadShapeException e) {
          shapeProblem =
              "row " + number + ": the shape in " + shpName + " is unreadable: " + e.getMessage();
        }
      } else {
        if (attributes == null || attributes.deleted()) {
          continue;
        }
        shapeProblem = "row " + number + ": " + shpName + " has no shape for this .dbf record";
      }
      if (attributes == null) {
        return SourceFeature.unreadable(
            number, List.of(), "row " + number + ": the .dbf has no record for this shape");
      }
      String problem = shapeProblem;
      if (problem == null && attributes.problem() != null) {
        problem =
            attributes.problem().startsWith("row ")
                ? attributes.problem()
                : "row " + number + ": " + attributes.problem();
      }
      return new SourceFeature(
          number, shapeProblem == null ? geometry : null, attributes.values(), problem);
    }
  }

  private Geometry shape(long number, long offset, int length)
      throws IOException, ShpGeometries.BadShapeException {
    if (offset < HEADER || length < 4 || offset + 8 + length > shpSize) {
      throw new ShpGeometries.BadShapeException(
          "the .shx places it at byte "
              + offset
              + " with "
              + length
              + " bytes, outside the "
              + shpSize
              + "-byte .shp (truncated file?)");
    }
    ByteBuffer record = read(offset, 8 + length);
    int recordNumber = record.order(ByteOrder.BIG_ENDIAN).getInt();
    int contentLength = record.getInt() * 2;
    record.order(ByteOrder.LITTLE_ENDIAN);
    if (recordNumber != number || contentLength != length) {
      throw new ShpGeometries.BadShapeException(
          "the record header says record "
              + recordNumber
              + " of "
              + contentLength
              + " bytes where the .shx expects record "
              + number
              + " of "
              + length
              + " bytes");
    }
    int type = record.getInt(record.position());
    if (type != 0 && type != fileShapeType) {
      throw new ShpGeometries.BadShapeException(
          "it is a "
              + ShpGeometries.name(type)
              + " in a file of "
              + ShpGeometries.name(fileShapeType)
              + " shapes");
    }
    return geometries.decode(record);
  }

  /** The bytes at [offset, offset + length) as a buffer positioned at offset. */
  private ByteBuffer read(long offset, int length) throws IOException {
    if (windowStart < 0 || offset < windowStart || offset + length > windowStart + window.limit()) {
      if (window.capacity() < length) {
        window = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
      }
      window.clear();
      long position = offset;
      while (window.hasRemaining()) {
        int n = shp.read(window, position);
        if (n < 0) {
          break;
        }
        position += n;
      }
      window.flip();
      windowStart = offset;
      if (window.limit() < length) {
        throw new EOFException(shpName + " ends inside record at byte " + offset);
      }
    }
    ByteBuffer slice = window.duplicate();
    slice.position((int) (offset - windowStart)).limit((int) (offset - windowStart) + length);
    return slice.slice();
  }

  @Override
  public String describe() {
    return shpName + " (Shapefile, " + ShpGeometries.name(fileShapeType) + ", " + encoding + ")";
  }

  @Override
  public void close() throws IOException {
    try (InputStream a = shx;
        DbfReader b = dbf;
        FileChannel c = shp) {
      // closes all three
    }
  }
}
