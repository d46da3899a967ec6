package org.wangge.data.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.GridCode;

/**
 * The real seed data shipped in this module (see {@code org/wangge/data/seed/README.md} for the
 * sources and licences): five district boundaries and their streets and villages.
 *
 * <p>The boundaries are invalid as delivered (ring self-intersections from quantisation to 1/1024
 * degree). {@link #load()} repairs each with JTS {@code GeometryFixer}, logs the validation error,
 * its location and the ellipsoidal area before and after, and keeps that in {@link
 * SeedDistrict#repair()}. Immutable once loaded; safe to share between threads.
 */
public final class SeedData {

  public static final String DISTRICTS_RESOURCE = "seed-districts.geojson";
  public static final String DIVISIONS_RESOURCE = "seed-divisions.csv";

  private static final System.Logger LOG = System.getLogger(SeedData.class.getName());
  private static volatile SeedData cached;

  private final Map<String, SeedDistrict> districts;

  private SeedData(Map<String, SeedDistrict> districts) {
    this.districts = districts;
  }

  /** The bundled seed data, loaded and repaired once per JVM. */
  public static SeedData load() {
    SeedData s = cached;
    if (s == null) {
      synchronized (SeedData.class) {
        s = cached;
        if (s == null) {
          s = read(new GeometryFactory());
          cached = s;
        }
      }
    }
    return s;
  }

  /** District codes in file order: 320509, 320506, 320724, 340181, 110101. */
  public List<String> districtCodes() {
    return List.copyOf(districts.keySet());
  }

  public List<SeedDistrict> districts() {
    return List.copyOf(districts.values());
  }

  /**
   * @throws IllegalArgumentException naming the code and the known codes if it is not a seed
   *     district
   */
  public SeedDistrict district(String code) {
    SeedDistrict d = districts.get(code);
    if (d == null) {
      throw new IllegalArgumentException(
          "district '" + code + "' is not in the seed data; known: " + districts.keySet());
    }
    return d;
  }

  private static SeedData read(GeometryFactory gf) {
    Map<String, List<Division>> streets = new LinkedHashMap<>();
    Map<String, List<Division>> villages = new LinkedHashMap<>();
    for (Division d : readDivisions()) {
      String county = d.code().county();
      (d.level() == Division.Level.STREET ? streets : villages)
          .computeIfAbsent(county, k -> new ArrayList<>())
          .add(d);
    }
    Map<String, SeedDistrict> out = new LinkedHashMap<>();
    try (InputStream in = open(DISTRICTS_RESOURCE)) {
      JsonNode root = new ObjectMapper().readTree(in);
      for (JsonNode f : root.get("features")) {
        String code = f.get("properties").get("code").asText();
        String name = f.get("properties").get("name").asText();
        Geometry delivered = geometry(f.get("geometry"), gf);
        Geometry repaired = delivered;
        TopologyValidationError error = new IsValidOp(delivered).getValidationError();
        if (error != null) {
          repaired = GeometryFixer.fix(delivered);
        }
        Coordinate at = error == null ? null : error.getCoordinate();
        BoundaryRepair repair =
            new BoundaryRepair(
                error == null ? null : error.getMessage(),
                at == null ? null : LonLat.of(at.x, at.y),
                deliveredArea(delivered),
                EllipsoidArea.squareKilometres(repaired));
        LOG.log(System.Logger.Level.INFO, "seed district {0} {1}: {2}", code, name, repair);
        out.put(
            code,
            new SeedDistrict(
                GridCode.parse(code),
                name,
                delivered,
                repaired,
                repair,
                streets.getOrDefault(code, List.of()),
                villages.getOrDefault(code, List.of())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DISTRICTS_RESOURCE, e);
    }
    return new SeedData(out);
  }

  private static double deliveredArea(Geometry g) {
    return EllipsoidArea.squareKilometres(g);
  }

  static List<Division> readDivisions() {
    List<Division> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(open(DIVISIONS_RESOURCE), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null || !header.strip().equals("level,code,name,parent_code")) {
        throw new IllegalStateException(
            DIVISIONS_RESOURCE + ": unexpected header '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 4) {
          throw new IllegalStateException(
              DIVISIONS_RESOURCE + " line " + lineNo + ": expected 4 fields, got " + f.length);
        }
        Division.Level level =
            switch (f[0]) {
              case "street" -> Division.Level.STREET;
              case "village" -> Division.Level.VILLAGE;
              default ->
                  throw new IllegalStateException(
                      DIVISIONS_RESOURCE + " line " + lineNo + ": unknown level '" + f[0] + "'");
            };
        out.add(new Division(level, GridCode.parse(f[1]), f[2], GridCode.parse(f[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DIVISIONS_RESOURCE, e);
    }
    return out;
  }

  private static InputStream open(String name) {
    InputStream in = SeedData.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("resource " + name + " is missing next to SeedData");
    }
    return in;
  }

  private static Geometry geometry(JsonNode g, GeometryFactory gf) {
    String type = g.get("type").asText();
    JsonNode c = g.get("coordinates");
    return switch (type) {
      case "Polygon" -> polygon(c, gf);
      case "MultiPolygon" -> {
        Polygon[] parts = new Polygon[c.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(c.get(i), gf);
        }
        yield gf.createMultiPolygon(parts);
      }
      default -> throw new IllegalStateException("unsupported boundary geometry " + type);
    };
  }

  private static Polygon polygon(JsonNode rings, GeometryFactory gf) {
    LinearRing shell = ring(rings.get(0), gf);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i), gf);
    }
    return gf.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode pts, GeometryFactory gf) {
    Coordinate[] cs = new Coordinate[pts.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(pts.get(i).get(0).asDouble(), pts.get(i).get(1).asDouble());
    }
    return gf.createLinearRing(cs);
  }
}
