package org.wangge.geo.io.internal;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYZM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Builds JTS geometries from a GeoJSON geometry object already parsed into maps, lists and numbers;
 * a structural error throws {@link IllegalArgumentException} with a reason a survey team can read.
 * Stateless and thread-safe.
 */
final class GeoJsonGeometries {

  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final int MAX_NESTING = 32;

  private GeoJsonGeometries() {}

  static Geometry build(Object value) {
    return build(value, 0);
  }

  private static Geometry build(Object value, int depth) {
    if (!(value instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("geometry is not a JSON object but " + kind(value));
    }
    Object type = object.get("type");
    if (!(type instanceof String name)) {
      throw new IllegalArgumentException("geometry has no \"type\"");
    }
    if (name.equals("GeometryCollection")) {
      if (depth > MAX_NESTING) {
        throw new IllegalArgumentException("GeometryCollection nested too deeply");
      }
      List<?> members = list(object.get("geometries"), "GeometryCollection \"geometries\"");
      Geometry[] parts = new Geometry[members.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = build(members.get(i), depth + 1);
      }
      return FACTORY.createGeometryCollection(parts);
    }
    if (!object.containsKey("coordinates")) {
      throw new IllegalArgumentException(name + " has no \"coordinates\"");
    }
    Object coordinates = object.get("coordinates");
    try {
      return switch (name) {
        case "Point" -> point(coordinates);
        case "MultiPoint" -> {
          List<?> points = list(coordinates, "coordinates");
          Point[] parts = new Point[points.size()];
          for (int i = 0; i < parts.length; i++) {
            parts[i] = point(points.get(i));
          }
          yield FACTORY.createMultiPoint(parts);
        }
        case "LineString" -> lineString(coordinates);
        case "MultiLineString" -> {
          List<?> lines = list(coordinates, "coordinates");
          LineString[] parts = new LineString[lines.size()];
          for (int i = 0; i < parts.length; i++) {
            parts[i] = lineString(lines.get(i));
          }
          yield FACTORY.createMultiLineString(parts);
        }
        case "Polygon" -> polygon(coordinates);
        case "MultiPolygon" -> {
          List<?> polygons = list(coordinates, "coordinates");
          Polygon[] parts = new Polygon[polygons.size()];
          for (int i = 0; i < parts.length; i++) {
            parts[i] = polygon(polygons.get(i));
          }
          yield FACTORY.createMultiPolygon(parts);
        }
        default -> throw new IllegalArgumentException("unknown geometry type \"" + name + "\"");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static Point point(Object position) {
    List<?> values = list(position, "position");
    return values.isEmpty() ? FACTORY.createPoint() : FACTORY.createPoint(coordinate(values));
  }

  private static LineString lineString(Object positions) {
    Coordinate[] coordinates = coordinates(positions);
    if (coordinates.length == 1) {
      throw new IllegalArgumentException("a line needs at least 2 positions, not 1");
    }
    return FACTORY.createLineString(coordinates);
  }

  private static Polygon polygon(Object rings) {
    List<?> values = list(rings, "polygon");
    if (values.isEmpty()) {
      return FACTORY.createPolygon();
    }
    LinearRing shell = ring(values.get(0), "exterior ring");
    LinearRing[] holes = new LinearRing[values.size() - 1];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = ring(values.get(i + 1), "hole " + (i + 1));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(Object positions, String what) {
    Coordinate[] coordinates = coordinates(positions);
    if (coordinates.length > 0 && coordinates.length < 4) {
      throw new IllegalArgumentException(
          what + " has " + coordinates.length + " positions; a ring needs at least 4");
    }
    if (coordinates.length > 0 && !coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
      throw new IllegalArgumentException(what + " is not closed (first position ≠ last)");
    }
    return FACTORY.createLinearRing(coordinates);
  }

  private static Coordinate[] coordinates(Object positions) {
    List<?> values = list(positions, "positions");
    Coordinate[] coordinates = new Coordinate[values.size()];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = coordinate(list(values.get(i), "position"));
    }
    return coordinates;
  }

  private static Coordinate coordinate(List<?> position) {
    if (position.size() < 2) {
      throw new IllegalArgumentException(
          "a position needs x and y, found " + position.size() + " number(s)");
    }
    double x = number(position.get(0));
    double y = number(position.get(1));
    if (position.size() == 2) {
      return new Coordinate(x, y);
    }
    double z = number(position.get(2));
    return position.size() == 3
        ? new Coordinate(x, y, z)
        : new CoordinateXYZM(x, y, z, number(position.get(3)));
  }

  private static double number(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw new IllegalArgumentException("coordinate " + kind(value) + " is not a number");
  }

  private static List<?> list(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException(what + " is not an array but " + kind(value));
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
