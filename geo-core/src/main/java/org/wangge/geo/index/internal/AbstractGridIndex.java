package org.wangge.geo.index.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.GeometryItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.geo.Geodesy;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.index.GridLocation;

/**
 * What every grid index shares: the unit grids sorted by code, grids by code for ancestors, special
 * grids and the nearest-grid answer for points outside. Subclasses supply {@link #locateIndex}.
 */
abstract class AbstractGridIndex implements GridIndex {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  final List<Grid> unitGrids;
  final List<Geometry> unitGeometries;
  private final Map<GridCode, Grid> byCode;
  private final STRtree specialTree;
  private final STRtree nearestTree;

  AbstractGridIndex(Collection<Grid> grids) {
    List<Grid> units = new ArrayList<>();
    Map<GridCode, Grid> codes = new HashMap<>();
    STRtree specials = new STRtree();
    for (Grid grid : grids) {
      Grid previous = codes.put(grid.code(), grid);
      if (previous != null) {
        throw new IllegalArgumentException(
            "grid code " + grid.code() + " appears twice; run the topology check first");
      }
      if (grid.level() == GridLevel.UNIT) {
        units.add(grid);
      } else if (grid.level() == GridLevel.SPECIAL) {
        Geometry g = grid.geometry();
        specials.insert(g.getEnvelopeInternal(), new Located(grid, g));
      }
    }
    units.sort(Comparator.comparing(Grid::code));
    this.unitGrids = List.copyOf(units);
    List<Geometry> geometries = new ArrayList<>(units.size());
    STRtree nearest = new STRtree();
    for (Grid grid : unitGrids) {
      Geometry g = grid.geometry();
      requireValid(grid, g);
      geometries.add(g);
      g.setUserData(grid);
      nearest.insert(g.getEnvelopeInternal(), g);
    }
    this.unitGeometries = List.copyOf(geometries);
    this.byCode = Map.copyOf(codes);
    specials.build();
    nearest.build();
    this.specialTree = specials;
    this.nearestTree = nearest;
  }

  private static void requireValid(Grid grid, Geometry geometry) {
    IsValidOp op = new IsValidOp(geometry);
    if (!op.isValid()) {
      TopologyValidationError error = op.getValidationError();
      Coordinate at = error.getCoordinate();
      throw new IllegalArgumentException(
          "grid "
              + grid.code()
              + " has an invalid polygon: "
              + error.getMessage()
              + (at == null ? "" : " at (" + at.x + ", " + at.y + ")")
              + "; an index needs valid polygons (the topology check repairs them with"
              + " GeometryFixer and reports what it changed)");
    }
  }

  @Override
  public List<Grid> unitGrids() {
    return unitGrids;
  }

  @Override
  public Grid grid(GridCode code) {
    return byCode.get(code);
  }

  @Override
  public GridLocation locate(double lon, double lat) {
    LonLat point = new LonLat(lon, lat);
    int index = locateIndex(lon, lat);
    List<Grid> specials = specialGridsAt(lon, lat);
    if (index != NONE) {
      Grid unit = unitGrids.get(index);
      return new GridLocation(point, unit, ancestorsOf(unit), specials, unit, 0);
    }
    if (unitGrids.isEmpty()) {
      return new GridLocation(point, null, List.of(), specials, null, Double.NaN);
    }
    Point p = FACTORY.createPoint(new Coordinate(lon, lat));
    Geometry nearest =
        (Geometry)
            nearestTree.nearestNeighbour(p.getEnvelopeInternal(), p, new GeometryItemDistance());
    Coordinate onGrid = DistanceOp.nearestPoints(nearest, p)[0];
    double meters = Geodesy.haversineMeters(lon, lat, onGrid.x, onGrid.y);
    return new GridLocation(point, null, List.of(), specials, (Grid) nearest.getUserData(), meters);
  }

  @Override
  public List<Grid> specialGridsAt(double lon, double lat) {
    List<Grid> result = new ArrayList<>(0);
    Point p = FACTORY.createPoint(new Coordinate(lon, lat));
    for (Object item : specialTree.query(new Envelope(lon, lon, lat, lat))) {
      Located located = (Located) item;
      if (located.geometry.covers(p)) {
        result.add(located.grid);
      }
    }
    result.sort(Comparator.comparing(Grid::code));
    return result;
  }

  private List<Grid> ancestorsOf(Grid unit) {
    List<Grid> ancestors = new ArrayList<>(3);
    GridCode parent = unit.parent();
    while (parent != null) {
      Grid grid = byCode.get(parent);
      if (grid == null) {
        break;
      }
      ancestors.add(grid);
      parent = grid.parent();
    }
    return ancestors;
  }

  private record Located(Grid grid, Geometry geometry) {}
}
