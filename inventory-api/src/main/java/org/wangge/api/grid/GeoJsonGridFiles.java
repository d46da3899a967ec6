package org.wangge.api.grid;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.ReadOptions;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) with Jackson for the structure and JTS
 * {@link GeoJsonReader} for each geometry. The whole file is parsed at once: grid files are small
 * (the Wujiang set of 26,423 grids is 11 MB). A named {@code crs} member is honoured as the
 * declared CRS; without one the caller assumes CGCS2000 lon/lat.
 */
final class GeoJsonGridFiles implements GridFileOpener {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public FeatureReader open(Path file, String name, ReadOptions options) throws IOException {
    Charset charset = options.charset() == null ? StandardCharsets.UTF_8 : options.charset();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, charset));
    } catch (JacksonException | java.nio.charset.MalformedInputException e) {
      throw new UnreadableFileException(
          name + " is not a readable GeoJSON file: " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableFileException(name + " is not a GeoJSON object");
    }
    String type = root.path("type").asString("");
    List<JsonNode> features = new ArrayList<>();
    if ("FeatureCollection".equals(type) && root.path("features").isArray()) {
      root.path("features").forEach(features::add);
    } else if ("Feature".equals(type)) {
      features.add(root);
    } else {
      throw new UnreadableFileException(
          name
              + " is not a GeoJSON FeatureCollection or Feature (type is '"
              + type
              + "'); grid files need one feature per grid");
    }
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (JsonNode f : features) {
      for (String key : f.path("properties").propertyNames()) {
        fields.putIfAbsent(key, fields.size());
      }
    }
    return new Reader(name, features, List.copyOf(fields.keySet()), declaredCrs(root, name));
  }

  private static Optional<Crs> declaredCrs(JsonNode root, String name)
      throws UnreadableFileException {
    String text = root.path("crs").path("properties").path("name").asString(null);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      if (text.toUpperCase().endsWith("CRS84")) {
        return Optional.of(Crs.WGS84);
      }
      String tail = text.substring(text.lastIndexOf(':') + 1);
      return Optional.of(
          tail.chars().allMatch(Character::isDigit) && !tail.isEmpty()
              ? Crs.epsg(Integer.parseInt(tail))
              : Crs.parse(text));
    } catch (IllegalArgumentException e) {
      throw new UnreadableFileException(
          name + " declares the coordinate system '" + text + "': " + e.getMessage(), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static final class Reader implements FeatureReader {
    private final String name;
    private final List<JsonNode> features;
    private final List<String> fields;
    private final Optional<Crs> crs;
    private final GeoJsonReader geometries = new GeoJsonReader();
    private int next;

    Reader(String name, List<JsonNode> features, List<String> fields, Optional<Crs> crs) {
      this.name = name;
      this.features = features;
      this.fields = fields;
      this.crs = crs;
    }

    @Override
    public List<String> fieldNames() {
      return fields;
    }

    @Override
    public Optional<Crs> declaredCrs() {
      return crs;
    }

    @Override
    public SourceFeature next() {
      if (next >= features.size()) {
        return null;
      }
      JsonNode f = features.get(next++);
      long row = next;
      JsonNode props = f.path("properties");
      List<Object> values = new ArrayList<>(fields.size());
      for (String field : fields) {
        values.add(value(props.get(field)));
      }
      JsonNode geometry = f.get("geometry");
      if (geometry == null || geometry.isNull()) {
        return SourceFeature.ok(row, null, values);
      }
      try {
        return SourceFeature.ok(row, geometries.read(geometry.toString()), values);
      } catch (ParseException | RuntimeException e) {
        return SourceFeature.unreadable(
            row, values, "geometry of feature " + row + " is not valid GeoJSON: " + e.getMessage());
      }
    }

    private static Object value(JsonNode v) {
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isIntegralNumber()) {
        return v.asLong();
      }
      if (v.isNumber()) {
        return v.asDouble();
      }
      if (v.isBoolean()) {
        return v.asBoolean();
      }
      return v.isString() ? v.asString() : v.toString();
    }

    @Override
    public String describe() {
      return name + " (GeoJSON, " + features.size() + " features)";
    }

    @Override
    public void close() {}
  }
}
