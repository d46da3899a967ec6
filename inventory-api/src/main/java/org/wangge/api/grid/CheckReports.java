package org.wangge.api.grid;

import java.time.Instant;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.wangge.api.web.Json;
import org.wangge.geo.topology.TopologyProblem;
import org.wangge.geo.topology.TopologyReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a topology check ({@code grid_set.report -> 'check'}) and its two views: JSON
 * without geometries, and a GeoJSON FeatureCollection of the problem areas (the problem's location
 * as a Point when it has no area). Each problem: kind, kindZh, codes, row, location {lon, lat} in
 * CGCS2000, areaSquareMeters, message, messageZh.
 */
final class CheckReports {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private CheckReports() {}

  /** The document stored under {@code check}: problems with their geometry as GeoJSON. */
  static ObjectNode stored(TopologyReport report, Map<Long, String> unreadable) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("checkedAt", Instant.now().toString());
    doc.put("clean", report.isClean());
    doc.put("gridsChecked", report.gridsChecked());
    doc.put("problemCount", report.problems().size());
    ObjectNode counts = doc.putObject("counts");
    report.counts().forEach((kind, n) -> counts.put(kind.name(), n));
    ArrayNode problems = doc.putArray("problems");
    for (TopologyProblem p : report.problems()) {
      ObjectNode o = problems.addObject();
      o.put("kind", p.kind().name());
      o.put("kindZh", p.kind().zhName());
      ArrayNode codes = o.putArray("codes");
      p.codes().forEach(codes::add);
      if (p.sourceRow() == null) {
        o.putNull("row");
      } else {
        o.put("row", p.sourceRow());
      }
      if (p.location() == null) {
        o.putNull("location");
      } else {
        o.putObject("location").put("lon", p.location().lon()).put("lat", p.location().lat());
      }
      o.put("areaSquareMeters", Math.round(p.areaSquareMeters() * 100) / 100.0);
      o.put("message", p.message());
      o.put("messageZh", p.messageZh());
      String reason = p.sourceRow() == null ? null : unreadable.get(p.sourceRow());
      if (reason != null) {
        o.put("uploadNote", reason);
      }
      Geometry g = p.geometry();
      o.set("geometry", g == null ? null : JSON.readTree(Json.geometry(g)));
    }
    return doc;
  }

  /** The JSON view: the stored check without geometries. */
  static ObjectNode json(long id, String status, JsonNode check) {
    ObjectNode out = JSON.createObjectNode();
    out.put("gridSetId", id);
    out.put("status", status);
    if (check == null || check.isMissingNode() || check.isNull()) {
      out.putNull("check");
      return out;
    }
    ObjectNode copy = (ObjectNode) check.deepCopy();
    for (JsonNode p : copy.path("problems")) {
      ((ObjectNode) p).remove("geometry");
    }
    out.set("check", copy);
    return out;
  }

  /** The GeoJSON view: one Feature per problem, properties as in the JSON view. */
  static ObjectNode geoJson(long id, JsonNode check) {
    ObjectNode out = JSON.createObjectNode();
    out.put("type", "FeatureCollection");
    out.put("gridSetId", id);
    ArrayNode features = out.putArray("features");
    for (JsonNode p : check.path("problems")) {
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      ObjectNode props = ((ObjectNode) p).deepCopy();
      props.remove("geometry");
      JsonNode geometry = p.get("geometry");
      if ((geometry == null || geometry.isNull()) && p.path("location").isObject()) {
        ObjectNode point = JSON.createObjectNode().put("type", "Point");
        point
            .putArray("coordinates")
            .add(p.path("location").path("lon").asDouble())
            .add(p.path("location").path("lat").asDouble());
        geometry = point;
      }
      f.set("geometry", geometry);
      f.set("properties", props);
    }
    return out;
  }
}
