package org.wangge.geo.io.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Decodes the content of one {@code .shp} record into a JTS geometry (ESRI Shapefile Technical
 * Description, 1998). Z values are kept, M values dropped. Polygon rings are classified by
 * orientation: clockwise rings are shells, counter-clockwise rings holes of the smallest shell that
 * contains them. Stateless and thread-safe.
 */
public final class ShpGeometries {

  /** A record whose bytes do not describe a valid shape; the message names what is wrong. */
  public static final class BadShapeException extends Exception {
    public BadShapeException(String message) {
      super(message);
    }
  }

  public static final int NULL = 0;
  public static final int POINT = 1;
  public static final int POLYLINE = 3;
  public static final int POLYGON = 5;
  public static final int MULTIPOINT = 8;
  public static final int MULTIPATCH = 31;

  private final GeometryFactory factory;

  public ShpGeometries(GeometryFactory factory) {
    this.factory = factory;
  }

  /** The shape family (1, 3, 5, 8) of a shape type, 0 for null, -1 if unknown. */
  public static int family(int shapeType) {
    return switch (shapeType) {
      case 0 -> NULL;
      case 1, 11, 21 -> POINT;
      case 3, 13, 23 -> POLYLINE;
      case 5, 15, 25 -> POLYGON;
      case 8, 18, 28 -> MULTIPOINT;
      case 31 -> MULTIPATCH;
      default -> -1;
    };
  }

  public static String name(int shapeType) {
    String base =
        switch (family(shapeType)) {
          case NULL -> "Null";
          case POINT -> "Point";
          case POLYLINE -> "PolyLine";
          case POLYGON -> "Polygon";
          case MULTIPOINT -> "MultiPoint";
          case MULTIPATCH -> "MultiPatch";
          default -> "unknown type " + shapeType;
        };
    return shapeType >= 11 && shapeType <= 18
        ? base + "Z"
        : shapeType >= 21 && shapeType <= 28 ? base + "M" : base;
  }

  /**
   * Decodes a record's content.
   *
   * @param content little-endian, positioned at the shape type, limited to the content length
   * @return the geometry, or {@code null} for a null shape
   */
  public Geometry decode(ByteBuffer content) throws BadShapeException {
    if (content.remaining() < 4) {
      throw new BadShapeException("its content is shorter than a shape type");
    }
    int type = content.getInt();
    boolean z = type >= 11 && type <= 18;
    return switch (family(type)) {
      case NULL -> null;
      case POINT -> point(content, z);
      case MULTIPOINT -> multiPoint(content, z);
      case POLYLINE -> lines(content, z);
      case POLYGON -> polygons(content, z);
      case MULTIPATCH -> throw new BadShapeException("MultiPatch shapes are not supported");
      default -> throw new BadShapeException("shape type " + type + " is not a Shapefile type");
    };
  }

  private Geometry point(ByteBuffer in, boolean z) throws BadShapeException {
    need(in, z ? 24 : 16, "a point");
    double x = in.getDouble();
    double y = in.getDouble();
    return factory.createPoint(z ? new Coordinate(x, y, in.getDouble()) : new Coordinate(x, y));
  }

  private Geometry multiPoint(ByteBuffer in, boolean z) throws BadShapeException {
    need(in, 36, "a multipoint header");
    in.position(in.position() + 32);
    int n = in.getInt();
    if (n < 0 || (long) n * (z ? 24 : 16) + (z ? 16 : 0) > in.remaining()) {
      throw new BadShapeException(
          "it declares " + n + " points but holds " + in.remaining() + " bytes");
    }
    Coordinate[] coordinates = xy(in, n);
    if (z) {
      readZ(in, coordinates);
    }
    return factory.createMultiPointFromCoords(coordinates);
  }

  private List<Coordinate[]> parts(ByteBuffer in, boolean z) throws BadShapeException {
    need(in, 40, "a part header");
    in.position(in.position() + 32);
    int numParts = in.getInt();
    int numPoints = in.getInt();
    if (numParts < 0
        || numPoints < 0
        || (long) numParts * 4 + (long) numPoints * (z ? 24 : 16) + (z ? 16 : 0) > in.remaining()) {
      throw new BadShapeException(
          "it declares "
              + numParts
              + " parts and "
              + numPoints
              + " points but holds only "
              + in.remaining()
              + " more bytes");
    }
    int[] starts = new int[numParts + 1];
    for (int i = 0; i < numParts; i++) {
      starts[i] = in.getInt();
      if (starts[i] < 0 || starts[i] > numPoints || (i > 0 && starts[i] < starts[i - 1])) {
        throw new BadShapeException(
            "part " + (i + 1) + " starts at point " + starts[i] + " of " + numPoints);
      }
    }
    starts[numParts] = numPoints;
    Coordinate[] all = xy(in, numPoints);
    if (z) {
      readZ(in, all);
    }
    List<Coordinate[]> parts = new ArrayList<>(numParts);
    for (int i = 0; i < numParts; i++) {
      Coordinate[] part = new Coordinate[starts[i + 1] - starts[i]];
      System.arraycopy(all, starts[i], part, 0, part.length);
      parts.add(part);
    }
    return parts;
  }

  private Geometry lines(ByteBuffer in, boolean z) throws BadShapeException {
    List<Coordinate[]> parts = parts(in, z);
    LineString[] lines = new LineString[parts.size()];
    for (int i = 0; i < lines.length; i++) {
      if (parts.get(i).length < 2) {
        throw new BadShapeException("line part " + (i + 1) + " has fewer than 2 points");
      }
      lines[i] = factory.createLineString(parts.get(i));
    }
    return lines.length == 1 ? lines[0] : factory.createMultiLineString(lines);
  }

  private Geometry polygons(ByteBuffer in, boolean z) throws BadShapeException {
    List<Coordinate[]> rings = parts(in, z);
    List<Coordinate[]> shells = new ArrayList<>();
    List<Coordinate[]> holes = new ArrayList<>();
    for (int i = 0; i < rings.size(); i++) {
      Coordinate[] ring = rings.get(i);
      if (ring.length > 0 && !ring[0].equals2D(ring[ring.length - 1])) {
        ring = closed(ring);
      }
      if (ring.length < 4) {
        throw new BadShapeException("ring " + (i + 1) + " has fewer than 4 points");
      }
      (Orientation.isCCW(ring) ? holes : shells).add(ring);
    }
    if (shells.isEmpty()) {
      // Wrongly oriented files exist (all rings counter-clockwise): read each ring as a shell.
      shells.addAll(holes);
      holes.clear();
    }
    List<List<Coordinate[]>> holesOf = new ArrayList<>();
    List<Envelope> envelopes = new ArrayList<>();
    for (Coordinate[] shell : shells) {
      holesOf.add(new ArrayList<>());
      envelopes.add(CoordinateArrays.envelope(shell));
    }
    for (Coordinate[] hole : holes) {
      int owner = owner(hole, shells, envelopes);
      if (owner < 0) {
        // A counter-clockwise ring outside every shell is an island that was written the wrong way.
        shells.add(hole);
        holesOf.add(new ArrayList<>());
        envelopes.add(CoordinateArrays.envelope(hole));
      } else {
        holesOf.get(owner).add(hole);
      }
    }
    Polygon[] polygons = new Polygon[shells.size()];
    for (int i = 0; i < polygons.length; i++) {
      LinearRing[] inner = new LinearRing[holesOf.get(i).size()];
      for (int h = 0; h < inner.length; h++) {
        inner[h] = factory.createLinearRing(holesOf.get(i).get(h));
      }
      polygons[i] = factory.createPolygon(factory.createLinearRing(shells.get(i)), inner);
    }
    return polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
  }

  /** The smallest shell containing the hole, or -1. */
  private static int owner(Coordinate[] hole, List<Coordinate[]> shells, List<Envelope> envelopes) {
    Envelope holeEnvelope = CoordinateArrays.envelope(hole);
    int best = -1;
    double bestArea = Double.POSITIVE_INFINITY;
    for (int s = 0; s < shells.size(); s++) {
      if (!envelopes.get(s).covers(holeEnvelope) || !inside(hole, shells.get(s))) {
        continue;
      }
      double area = Math.abs(Area.ofRingSigned(shells.get(s)));
      if (area < bestArea) {
        best = s;
        bestArea = area;
      }
    }
    return best;
  }

  private static boolean inside(Coordinate[] hole, Coordinate[] shell) {
    for (Coordinate c : hole) {
      int location = PointLocation.locateInRing(c, shell);
      if (location != Location.BOUNDARY) {
        return location == Location.INTERIOR;
      }
    }
    return true; // every vertex on the shell's boundary: it can only be a hole of this shell
  }

  private static Coordinate[] closed(Coordinate[] ring) {
    Coordinate[] closed = new Coordinate[ring.length + 1];
    System.arraycopy(ring, 0, closed, 0, ring.length);
    closed[ring.length] = ring[0].copy();
    return closed;
  }

  private static Coordinate[] xy(ByteBuffer in, int n) {
    Coordinate[] coordinates = new Coordinate[n];
    for (int i = 0; i < n; i++) {
      coordinates[i] = new Coordinate(in.getDouble(), in.getDouble());
    }
    return coordinates;
  }

  private static void readZ(ByteBuffer in, Coordinate[] coordinates) {
    in.position(in.position() + 16); // z range
    for (Coordinate c : coordinates) {
      c.setZ(in.getDouble());
    }
  }

  private static void need(ByteBuffer in, int bytes, String what) throws BadShapeException {
    if (in.remaining() < bytes) {
      throw new BadShapeException(
          "it is too short for " + what + " (" + in.remaining() + " of " + bytes + " bytes)");
    }
  }
}
