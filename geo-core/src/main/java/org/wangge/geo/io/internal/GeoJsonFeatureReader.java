package org.wangge.geo.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.crs.UnsupportedCrsException;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Streams a GeoJSON file in two passes: the first collects property names and the {@code crs}
 * member, the second returns one feature at a time, each parsed into maps and lists on its own.
 * Behaviour is documented on {@link org.wangge.geo.io.GeoJsonFiles}. Not thread-safe.
 */
public final class GeoJsonFeatureReader implements FeatureReader {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Set<String> GEOMETRY_TYPES =
      Set.of(
          "Point",
          "MultiPoint",
          "LineString",
          "MultiLineString",
          "Polygon",
          "MultiPolygon",
          "GeometryCollection");
  private static final Pattern EPSG_NAME =
      Pattern.compile("(?i)(?:urn:ogc:def:crs:EPSG:[\\d.]*:|EPSG:+|/def/crs/EPSG/[\\d.]+/)(\\d+)");

  private final Path file;
  private final JsonParser parser;
  private final List<String> fieldNames;
  private final Optional<Crs> crs;
  private final String crsNote;
  private final String rootType;
  private Map<String, Object> singleFeature;
  private boolean inFeatures;
  private long row;

  private GeoJsonFeatureReader(
      Path file,
      JsonParser parser,
      List<String> fieldNames,
      Optional<Crs> crs,
      String crsNote,
      String rootType) {
    this.file = file;
    this.parser = parser;
    this.fieldNames = fieldNames;
    this.crs = crs;
    this.crsNote = crsNote;
    this.rootType = rootType;
  }

  public static GeoJsonFeatureReader open(Path file, ReadOptions options) throws IOException {
    if (!Files.isReadable(file)) {
      throw new UnreadableFileException(file.getFileName() + " cannot be read (missing?)");
    }
    Scan scan = scan(file);
    String crsNote;
    Optional<Crs> crs;
    if (options.crs() != null) {
      crs = Optional.of(options.crs());
      crsNote = options.crs().id() + " as given";
    } else if (!scan.hasCrs) {
      crs = Optional.of(Crs.WGS84);
      crsNote = "EPSG:4326 (RFC 7946: no crs member)";
    } else if (scan.crs == null) {
      crs = Optional.empty();
      crsNote = "no CRS (crs is null)";
    } else {
      try {
        crs = Optional.of(crsOf(scan.crs));
      } catch (IllegalArgumentException e) {
        throw new UnreadableFileException(
            file.getFileName()
                + " declares a coordinate system Wangge cannot use: "
                + e.getMessage()
                + "; choose the coordinate system when uploading",
            e);
      }
      crsNote = crs.get().id() + " from its crs member";
    }
    JsonParser parser = JSON.createParser(file.toFile());
    GeoJsonFeatureReader reader =
        new GeoJsonFeatureReader(
            file, parser, List.copyOf(scan.fieldNames), crs, crsNote, scan.rootType);
    try {
      reader.start();
    } catch (IOException | RuntimeException e) {
      parser.close();
      throw e;
    }
    return reader;
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
    return file.getFileName() + " (GeoJSON " + rootType + ", " + crsNote + ")";
  }

  @Override
  public SourceFeature next() throws IOException {
    boolean inside = false;
    try {
      if (singleFeature != null) {
        Map<String, Object> feature = singleFeature;
        singleFeature = null;
        return feature(++row, feature);
      }
      if (!inFeatures) {
        return null;
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY || token == null) {
        inFeatures = false;
        return null;
      }
      row++;
      inside = true;
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return SourceFeature.unreadable(
            row, nulls(), "feature " + row + " is not a JSON object but " + token.asString());
      }
      return feature(row, readObjectBody(parser));
    } catch (JsonProcessingException e) {
      throw malformed(file, e, (inside ? " (in feature " : " (after feature ") + row + ")");
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private void start() throws IOException {
    try {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new UnreadableFileException(
            file.getFileName() + " is not GeoJSON: it does not start with a JSON object");
      }
      if (!rootType.equals("FeatureCollection")) {
        singleFeature = readObjectBody(parser);
        if (!rootType.equals("Feature")) {
          Map<String, Object> wrapper = new LinkedHashMap<>();
          wrapper.put("geometry", singleFeature);
          singleFeature = wrapper;
        }
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("features")) {
          if (value != JsonToken.START_ARRAY) {
            throw new UnreadableFileException(
                file.getFileName() + ": \"features\" is not an array but " + value.asString());
          }
          inFeatures = true;
          return;
        }
        parser.skipChildren();
      }
    } catch (JsonProcessingException e) {
      throw malformed(file, e, "");
    }
  }

  private SourceFeature feature(long row, Map<String, Object> feature) throws IOException {
    List<Object> values = nulls();
    String problem = null;
    Object properties = feature.get("properties");
    if (properties instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        int i = fieldNames.indexOf((String) e.getKey());
        if (i >= 0) {
          values.set(i, value(e.getValue()));
        }
      }
    } else if (properties != null) {
      problem = "\"properties\" is not a JSON object";
    }
    Geometry geometry = null;
    Object json = feature.get("geometry");
    if (json != null) {
      try {
        geometry = GeoJsonGeometries.build(json);
      } catch (IllegalArgumentException e) {
        problem = problem == null ? e.getMessage() : problem + "; " + e.getMessage();
      }
    }
    return problem == null
        ? SourceFeature.ok(row, geometry, values)
        : SourceFeature.unreadable(row, values, problem);
  }

  private List<Object> nulls() {
    List<Object> values = new ArrayList<>(fieldNames.size());
    for (int i = 0; i < fieldNames.size(); i++) {
      values.add(null);
    }
    return values;
  }

  private static Object value(Object json) throws IOException {
    if (json instanceof BigInteger big) {
      return big.toString();
    }
    if (json instanceof Map || json instanceof List) {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(text)) {
        write(generator, json);
      }
      return text.toString();
    }
    return json;
  }

  private static void write(JsonGenerator g, Object json) throws IOException {
    if (json instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (json instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (json instanceof String s) {
      g.writeString(s);
    } else if (json instanceof Long l) {
      g.writeNumber(l);
    } else if (json instanceof Double d) {
      g.writeNumber(d);
    } else if (json instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (json instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeNull();
    }
  }

  /** Reads the value at the current token into maps, lists, strings, numbers and booleans. */
  private static Object read(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> readObjectBody(p);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? p.getBigIntegerValue()
              : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  private static Map<String, Object> readObjectBody(JsonParser p) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      map.put(name, read(p));
    }
    return map;
  }

  private static UnreadableFileException malformed(
      Path file, JsonProcessingException e, String context) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new UnreadableFileException(
        file.getFileName() + " is not valid JSON" + where + context + ": " + e.getOriginalMessage(),
        e);
  }

  /** What the first pass learns. */
  private static final class Scan {
    String rootType;
    boolean hasFeatures;
    boolean hasCrs;
    Object crs;
    final Set<String> fieldNames = new LinkedHashSet<>();
    final Set<String> rootPropertyNames = new LinkedHashSet<>();
  }

  /**
   * The first pass: root type, crs member and property names. It stops quietly at a syntax error
   * after the root type is known, so the second pass returns the features before it and then
   * reports the error where it occurs.
   */
  private static Scan scan(Path file) throws IOException {
    Scan scan = new Scan();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      try {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
          throw new UnreadableFileException(
              file.getFileName()
                  + " is not GeoJSON: it does not start with a JSON object"
                  + (first == null ? " (it is empty)" : ""));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          switch (name) {
            case "type" -> scan.rootType = value == JsonToken.VALUE_STRING ? p.getText() : null;
            case "crs" -> {
              scan.hasCrs = true;
              scan.crs = read(p);
            }
            case "properties" -> collectNames(p, scan.rootPropertyNames);
            case "features" -> {
              scan.hasFeatures = true;
              if (value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                  while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String member = p.currentName();
                    p.nextToken();
                    if (member.equals("properties")) {
                      collectNames(p, scan.fieldNames);
                    } else {
                      p.skipChildren();
                    }
                  }
                }
              }
              p.skipChildren();
            }
            default -> p.skipChildren();
          }
        }
      } catch (JsonProcessingException e) {
        if (scan.rootType == null && !scan.hasFeatures) {
          throw malformed(file, e, "");
        }
      }
    }
    if (scan.rootType == null && scan.hasFeatures) {
      scan.rootType = "FeatureCollection";
    }
    if (scan.rootType == null) {
      throw new UnreadableFileException(
          file.getFileName() + " is not GeoJSON: its top-level object has no \"type\"");
    }
    if (!scan.rootType.equals("FeatureCollection")
        && !scan.rootType.equals("Feature")
        && !GEOMETRY_TYPES.contains(scan.rootType)) {
      throw new UnreadableFileException(
          file.getFileName()
              + " is not GeoJSON: its type is \""
              + scan.rootType
              + "\", not FeatureCollection, Feature or a geometry");
    }
    if (scan.rootType.equals("Feature")) {
      scan.fieldNames.addAll(scan.rootPropertyNames);
    } else if (!scan.rootType.equals("FeatureCollection")) {
      scan.fieldNames.clear();
    }
    return scan;
  }

  private static void collectNames(JsonParser p, Set<String> names) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      names.add(p.currentName());
      p.nextToken();
      p.skipChildren();
    }
  }

  /** The CRS named by a legacy {@code crs} member; IllegalArgumentException says why not. */
  static Crs crsOf(Object member) {
    if (!(member instanceof Map<?, ?> crs) || !(crs.get("properties") instanceof Map<?, ?> props)) {
      throw new IllegalArgumentException("the crs member is not {\"type\", \"properties\"}");
    }
    Object type = crs.get("type");
    if ("name".equals(type) && props.get("name") instanceof String name) {
      if (name.toUpperCase(java.util.Locale.ROOT).endsWith("CRS84")) {
        return Crs.WGS84;
      }
      Matcher m = EPSG_NAME.matcher(name);
      try {
        return m.find() ? Crs.epsg(Integer.parseInt(m.group(1))) : Crs.parse(name);
      } catch (UnsupportedCrsException | NumberFormatException e) {
        throw new IllegalArgumentException("\"" + name + "\": " + e.getMessage(), e);
      }
    }
    if ("EPSG".equals(type) && props.get("code") instanceof Number code) {
      return Crs.epsg(code.intValue());
    }
    throw new IllegalArgumentException(
        "crs of type \"" + type + "\" is not supported; use {\"type\": \"name\"}");
  }
}
