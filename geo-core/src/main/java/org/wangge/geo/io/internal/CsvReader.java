package org.wangge.geo.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;

/** Streams a CSV with a header row as point (or WKT) features; see {@code CsvFiles}. */
public final class CsvReader implements FeatureReader {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private final String fileName;
  private final CsvScanner scanner;
  private final List<String> header;
  private final CsvColumns columns;
  private final Optional<Crs> crs;
  private final String xLabel;
  private final String yLabel;
  private final String description;
  private final WKTReader wktReader = new WKTReader(FACTORY);
  private final List<Object> scratch;
  private long row;

  private CsvReader(
      String fileName,
      CsvScanner scanner,
      List<String> header,
      CsvColumns columns,
      Optional<Crs> crs,
      String description) {
    this.fileName = fileName;
    this.scanner = scanner;
    this.header = header;
    this.columns = columns;
    this.crs = crs;
    this.description = description;
    boolean projected = crs.isPresent() && !crs.get().isGeographic();
    this.xLabel =
        columns.usesWkt()
            ? null
            : header.get(columns.x()) + (projected ? "/easting" : "/longitude");
    this.yLabel =
        columns.usesWkt()
            ? null
            : header.get(columns.y()) + (projected ? "/northing" : "/latitude");
    this.scratch = new ArrayList<>(header.size() + 4);
  }

  public static CsvReader open(Path csv, ReadOptions options) throws IOException {
    ReadOptions opts = options == null ? ReadOptions.defaults() : options;
    String fileName = csv.getFileName().toString();
    if (!Files.isRegularFile(csv)) {
      throw new UnreadableFileException(fileName + " does not exist");
    }
    CsvEncoding.Detected encoding = CsvEncoding.detect(csv, opts.charset());
    return open(Files.newInputStream(csv), encoding, fileName, opts);
  }

  /** Reads {@code in} once, as it arrives; see {@code CsvFiles.open(InputStream, …)}. */
  public static CsvReader open(InputStream in, String fileName, ReadOptions options)
      throws IOException {
    ReadOptions opts = options == null ? ReadOptions.defaults() : options;
    CsvEncoding.Streamed streamed;
    try {
      streamed = CsvEncoding.detect(in, opts.charset(), fileName);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return open(streamed.in(), streamed.detected(), fileName, opts);
  }

  private static CsvReader open(
      InputStream in, CsvEncoding.Detected encoding, String fileName, ReadOptions opts)
      throws IOException {
    try {
      CsvScanner scanner = new CsvScanner(in, encoding.charset());
      scanner.skip(encoding.bomLength());
      char delimiter = scanner.detectDelimiter();
      List<Object> first = new ArrayList<>();
      if (!scanner.next(first) || first.stream().allMatch(v -> v == null)) {
        throw new UnreadableFileException(
            fileName + " has no header row: the first line must name the columns");
      }
      List<String> header = new ArrayList<>(first.size());
      for (int i = 0; i < first.size(); i++) {
        Object name = first.get(i);
        header.add(name == null ? "column" + (i + 1) : ((String) name).strip());
      }
      CsvColumns columns = CsvColumns.resolve(header, opts.xField(), opts.yField(), fileName);
      String description =
          fileName
              + " (CSV, "
              + encoding.how()
              + ", delimiter "
              + (delimiter == '\t' ? "tab" : "'" + delimiter + "'")
              + ")";
      return new CsvReader(
          fileName,
          scanner,
          List.copyOf(header),
          columns,
          Optional.ofNullable(opts.crs()),
          description);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public List<String> fieldNames() {
    return header;
  }

  @Override
  public Optional<Crs> declaredCrs() {
    return crs;
  }

  @Override
  public SourceFeature next() throws IOException {
    List<Object> values = scratch;
    while (scanner.next(values)) {
      long number = ++row;
      if (values.size() == 1 && values.get(0) == null && header.size() > 1) {
        continue; // a blank line
      }
      List<Object> copy = new ArrayList<>(values);
      if (scanner.problem() != null) {
        return SourceFeature.unreadable(number, copy, "row " + number + ": " + scanner.problem());
      }
      if (copy.size() != header.size()) {
        if (!onlyEmptyBeyondHeader(copy)) {
          return SourceFeature.unreadable(
              number,
              copy,
              "row "
                  + number
                  + ": "
                  + copy.size()
                  + " values but the header has "
                  + header.size()
                  + " columns");
        }
        copy.subList(header.size(), copy.size()).clear();
      }
      return columns.usesWkt() ? wkt(number, copy) : point(number, copy);
    }
    return null;
  }

  private boolean onlyEmptyBeyondHeader(List<Object> values) {
    if (values.size() < header.size()) {
      return false;
    }
    for (int i = header.size(); i < values.size(); i++) {
      if (values.get(i) != null && !((String) values.get(i)).isBlank()) {
        return false;
      }
    }
    return true;
  }

  private SourceFeature point(long number, List<Object> values) {
    String xText = (String) values.get(columns.x());
    String yText = (String) values.get(columns.y());
    double x = parse(xText);
    double y = parse(yText);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      String problem =
          Double.isNaN(x) ? coordinateProblem(xLabel, xText) : coordinateProblem(yLabel, yText);
      return SourceFeature.unreadable(number, values, "row " + number + ": " + problem);
    }
    return SourceFeature.ok(number, FACTORY.createPoint(new Coordinate(x, y)), values);
  }

  private static String coordinateProblem(String label, String text) {
    if (text == null || text.isBlank()) {
      return label + " is empty";
    }
    return label + " '" + text + "' is not a number";
  }

  /** The value, or NaN when it is missing, unparsable or not finite. */
  private static double parse(String text) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      double value = DecimalText.parse(text);
      return Double.isInfinite(value) ? Double.NaN : value;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private SourceFeature wkt(long number, List<Object> values) {
    String text = (String) values.get(columns.wkt());
    String label = header.get(columns.wkt());
    if (text == null || text.isBlank()) {
      return SourceFeature.unreadable(number, values, "row " + number + ": " + label + " is empty");
    }
    try {
      Geometry geometry = wktReader.read(text);
      return SourceFeature.ok(number, geometry, values);
    } catch (ParseException | IllegalArgumentException e) {
      String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
      return SourceFeature.unreadable(
          number,
          values,
          "row " + number + ": " + label + " '" + shown + "' is not valid WKT: " + e.getMessage());
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() throws IOException {
    scanner.close();
  }
}
