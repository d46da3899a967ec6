package org.wangge.api.grid;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.Json;
import org.wangge.api.web.NotFoundException;
import org.wangge.api.web.Params;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridLocation;

/**
 * Grids of the active set, read by every role: {@code GET /api/grids/locate?lon=&lat=&crs=}, {@code
 * GET /api/grids?bbox=&level=&parent=}, {@code GET /api/grids/{code}}. Geometry as GeoJSON in
 * CGCS2000 lon/lat.
 */
@RestController
@RequestMapping(value = "/api/grids", produces = MediaType.APPLICATION_JSON_VALUE)
class GridController {

  private final GridStore store;

  GridController(GridStore store) {
    this.store = store;
  }

  /**
   * The unit grid at a point, its ancestors and responsible unit. {@code crs} (default CGCS2000)
   * may be any supported system, e.g. EPSG:4549 with lon=easting, lat=northing, or GCJ02.
   */
  @GetMapping("/locate")
  String locate(
      @RequestParam(required = false) String lon,
      @RequestParam(required = false) String lat,
      @RequestParam(required = false) String crs) {
    Crs from;
    try {
      from = crs == null || crs.isBlank() ? Crs.CGCS2000 : Crs.parse(crs);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("crs", e.getMessage());
    }
    double x = Params.number("lon", lon);
    double y = Params.number("lat", lat);
    LonLat p;
    if (from.equals(Crs.CGCS2000) || from.equals(Crs.WGS84)) {
      p = new LonLat(Params.lon("lon", lon), Params.lat("lat", lat));
    } else {
      try {
        p = CoordinateTransforms.toLonLat(from, x, y);
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("lon", e.getMessage());
      }
    }
    GridLocation at = store.active().index().locate(p.lon(), p.lat());
    StringBuilder sb = new StringBuilder(512);
    sb.append("{\"lon\":").append(p.lon()).append(",\"lat\":").append(p.lat());
    sb.append(",\"inside\":").append(at.isInside());
    sb.append(",\"unitGrid\":");
    summary(sb, at.unitGrid());
    sb.append(",\"ancestors\":[");
    for (int i = 0; i < at.ancestors().size(); i++) {
      summary(sb.append(i == 0 ? "" : ","), at.ancestors().get(i));
    }
    sb.append("],\"specialGrids\":[");
    for (int i = 0; i < at.specialGrids().size(); i++) {
      summary(sb.append(i == 0 ? "" : ","), at.specialGrids().get(i));
    }
    sb.append("],\"responsibleUnit\":");
    Json.string(sb, at.isInside() ? at.unitGrid().responsibleUnitId() : null);
    if (!at.isInside()) {
      sb.append(",\"nearest\":");
      summary(sb, at.nearest());
      sb.append(",\"distanceMeters\":").append(Math.round(at.distanceMeters() * 10) / 10.0);
    }
    return sb.append('}').toString();
  }

  @GetMapping("/{code}")
  String grid(@PathVariable String code) {
    GridCode parsed;
    try {
      parsed = GridCode.parse(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("code", e.getMessage());
    }
    Grid grid = store.active().index().grid(parsed);
    if (grid == null) {
      throw new NotFoundException("grid " + code + " is not in the active grid set");
    }
    return feature(new StringBuilder(), grid).toString();
  }

  /** Grids by box, level and/or parent code as a GeoJSON FeatureCollection. */
  @GetMapping
  String grids(
      @RequestParam(required = false) String bbox,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) String parent,
      @RequestParam(required = false) String limit) {
    if (bbox == null && parent == null) {
      throw new InvalidParameterException("bbox", "give bbox or parent (or both)");
    }
    Envelope box = null;
    if (bbox != null) {
      double[] b = Params.bbox("bbox", bbox);
      box = new Envelope(b[0], b[2], b[1], b[3]);
    }
    GridLevel lvl = null;
    if (level != null) {
      try {
        lvl = GridLevel.valueOf(level.strip().toUpperCase());
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException(
            "level",
            "level '" + level + "' is not one of " + java.util.Arrays.toString(GridLevel.values()));
      }
    }
    GridCode parentCode = null;
    if (parent != null) {
      try {
        parentCode = GridCode.parse(parent);
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("parent", e.getMessage());
      }
    }
    int max = Params.intIn("limit", limit, 5000, 1, 50_000);
    List<Grid> found = new ArrayList<>();
    for (Grid g : store.allGrids()) {
      if (lvl != null && g.level() != lvl) continue;
      if (parentCode != null && !parentCode.equals(g.parent())) continue;
      if (box != null && !box.intersects(store.envelope(g))) continue;
      found.add(g);
      if (found.size() == max) break;
    }
    StringBuilder sb = new StringBuilder(found.size() * 600 + 64);
    sb.append("{\"type\":\"FeatureCollection\",\"numberReturned\":").append(found.size());
    sb.append(",\"features\":[");
    for (int i = 0; i < found.size(); i++) {
      feature(sb.append(i == 0 ? "" : ","), found.get(i));
    }
    return sb.append("]}").toString();
  }

  private static StringBuilder summary(StringBuilder sb, Grid g) {
    if (g == null) {
      return sb.append("null");
    }
    sb.append('{');
    Json.field(sb, "code", g.code().digits()).append(',');
    Json.field(sb, "name", g.name()).append(',');
    Json.field(sb, "level", g.level().name()).append(',');
    Json.field(sb, "responsibleUnit", g.responsibleUnitId());
    return sb.append('}');
  }

  private static StringBuilder feature(StringBuilder sb, Grid g) {
    sb.append("{\"type\":\"Feature\",\"id\":");
    Json.string(sb, g.code().digits());
    sb.append(",\"properties\":{");
    Json.field(sb, "code", g.code().digits()).append(',');
    Json.field(sb, "name", g.name()).append(',');
    Json.field(sb, "level", g.level().name()).append(',');
    Json.field(sb, "parent", g.parent() == null ? null : g.parent().digits()).append(',');
    Json.field(sb, "responsibleUnit", g.responsibleUnitId());
    sb.append("},\"geometry\":").append(Json.geometry(g.geometry()));
    return sb.append('}');
  }
}
