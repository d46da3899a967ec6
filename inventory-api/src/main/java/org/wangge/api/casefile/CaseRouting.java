package org.wangge.api.casefile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.wangge.api.Database;
import org.wangge.api.WanggeProperties;
import org.wangge.api.component.ComponentRow;
import org.wangge.api.grid.GridStore;
import org.wangge.data.SampleGenerator;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.routing.AlarmType;
import org.wangge.geo.routing.Assignment;
import org.wangge.geo.routing.Incident;
import org.wangge.geo.routing.Router;
import org.wangge.geo.routing.RoutingRules;
import org.wangge.geo.unit.Unit;

/**
 * Device → component → position → unit grid → routing rules (两份清单) → the responsible unit, with the
 * explanation the case keeps. The position is the component's; a device mounted on no component (a
 * mobile one) uses the position it reported, and its case takes the class 06 (other facilities).
 * Thread-safe.
 */
@Component
class CaseRouting {

  /** The class of a case whose device is mounted on no component. */
  static final ClassCode UNMOUNTED = ClassCode.parse("06");

  /** Where the case is and who gets it. */
  record Routed(Assignment assignment, ClassCode classCode, Double lon, Double lat) {}

  private final Database database;
  private final GridStore grids;
  private final String centreId;
  private volatile Router router;
  private volatile java.util.Map<String, String> unitNames = java.util.Map.of();

  CaseRouting(Database database, GridStore grids, WanggeProperties properties) {
    this.database = database;
    this.grids = grids;
    this.centreId = SampleGenerator.centreId(properties.district());
    this.router =
        Router.of(RoutingRules.standard(), SampleGenerator.departmentRoles(properties.district()));
  }

  /** Reads the unit names used in explanations; call at start and after unit changes. */
  void reloadUnits() {
    List<Unit> units = new ArrayList<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, name, kind from unit")) {
      while (rs.next()) {
        units.add(
            new Unit(rs.getString(1), rs.getString(2), Unit.UnitKind.valueOf(rs.getString(3))));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read the units: " + e.getMessage(), e);
    }
    router = router.withUnits(units);
    java.util.Map<String, String> names = new java.util.HashMap<>();
    units.forEach(u -> names.put(u.id(), u.name()));
    unitNames = java.util.Map.copyOf(names);
  }

  String unitName(String unitId) {
    return unitNames.get(unitId);
  }

  String centreId() {
    return centreId;
  }

  Routed route(
      ComponentRow component, AlarmType alarmType, Double reportedLon, Double reportedLat) {
    Double lon = component != null ? Double.valueOf(component.lon()) : reportedLon;
    Double lat = component != null ? Double.valueOf(component.lat()) : reportedLat;
    Grid grid = null;
    if (lon != null && grids.isLoaded()) {
      grid = grids.active().index().locate(lon, lat).unitGrid();
    }
    Incident incident;
    ClassCode classCode;
    org.wangge.geo.component.Component c = component == null ? null : toComponent(component);
    if (c != null) {
      classCode = c.classCode();
      incident = Incident.componentFault(c, alarmType, grid, centreId);
    } else {
      classCode = component == null ? UNMOUNTED : ClassCode.parse(component.classCode());
      incident = Incident.componentFault(classCode, grid, centreId);
    }
    return new Routed(router.route(incident), classCode, lon, lat);
  }

  /** The geo-core component, or null when the row lacks what routing needs (logged as a flag). */
  private static org.wangge.geo.component.Component toComponent(ComponentRow row) {
    if (row.competentDeptId() == null || row.competentDeptId().isBlank()) {
      return null;
    }
    return new org.wangge.geo.component.Component(
        ComponentCode.parse(row.code()),
        null,
        row.name(),
        new LonLat(row.lon(), row.lat()),
        ComponentState.valueOf(row.state()),
        row.competentDeptId(),
        row.ownerId(),
        row.maintenanceUnitId(),
        row.gridCode() == null ? null : GridCode.parse(row.gridCode()));
  }
}
