package org.wangge.api.sample;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wangge.api.CopyText;
import org.wangge.api.Database;
import org.wangge.data.ComponentTable;
import org.wangge.data.Device;
import org.wangge.data.SampleDistrict;
import org.wangge.data.SampleGenerator;
import org.wangge.data.Scale;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.unit.Unit;

/**
 * Loads a generated sample district into an empty database in one transaction through COPY: the
 * district, its units, an ACTIVE grid set, components and devices.
 */
public final class SampleLoader {

  private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

  private SampleLoader() {}

  /** True when the district already has an active grid set (a second start reuses the data). */
  public static boolean isLoaded(Database db, String district) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select 1 from grid_set where district_code = ? and status = 'ACTIVE'")) {
      ps.setString(1, district);
      return ps.executeQuery().next();
    }
  }

  public static SampleDistrict load(Database db, String district, Scale scale) throws Exception {
    return load(db, district, scale, true);
  }

  /**
   * Generates and loads the sample; with {@code withComponents} false only the district, units and
   * grids are loaded (a district ready for a survey import, as the import benchmark needs).
   */
  public static SampleDistrict load(
      Database db, String district, Scale scale, boolean withComponents) throws Exception {
    long t0 = System.nanoTime();
    SampleDistrict d = new SampleGenerator().generate(district, scale, 1);
    long t1 = System.nanoTime();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      try (PreparedStatement ps =
          c.prepareStatement("insert into district (code, name, boundary) values (?, ?, ?)")) {
        ps.setString(1, d.code().digits());
        ps.setString(2, d.name());
        // the district grid: the exact union of the generated streets, so topology checks of the
        // grid set against the stored boundary find no slivers
        ps.setBytes(3, new WKBWriter().write(d.districtGrid().geometry()));
        ps.executeUpdate();
      }
      StringBuilder units = new StringBuilder();
      for (Unit u : d.units()) {
        CopyText.row(units, u.id(), u.name(), u.kind().name(), d.code().digits());
      }
      copy.copyIn(
          "copy unit (id, name, kind, district_code) from stdin",
          new StringReader(units.toString()));
      long gridSet;
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into grid_set (district_code, version, status, source, created_by,"
                  + " activated_at) values (?, 1, 'ACTIVE', ?, 'sample', now()) returning id")) {
        ps.setString(1, d.code().digits());
        ps.setString(2, "sample " + scale.name().toLowerCase() + " seed 1");
        var rs = ps.executeQuery();
        rs.next();
        gridSet = rs.getLong(1);
      }
      var grids =
          copy.copyIn(
              "copy grid (grid_set_id, code, name, level, parent_code, responsible_unit_id, geom,"
                  + " min_lon, min_lat, max_lon, max_lat) from stdin");
      WKBWriter wkb = new WKBWriter();
      StringBuilder sb = new StringBuilder();
      for (Grid g : d.grids()) {
        var geometry = g.geometry();
        var env = geometry.getEnvelopeInternal();
        sb.setLength(0);
        CopyText.row(
            sb,
            Long.toString(gridSet),
            g.code().digits(),
            g.name(),
            g.level().name(),
            g.parent() == null ? null : g.parent().digits(),
            g.responsibleUnitId(),
            "\\x" + HexFormat.of().formatHex(wkb.write(geometry)),
            Double.toString(env.getMinX()),
            Double.toString(env.getMinY()),
            Double.toString(env.getMaxX()),
            Double.toString(env.getMaxY()));
        byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        grids.writeToCopy(bytes, 0, bytes.length);
      }
      grids.endCopy();
      if (withComponents) {
        copyComponents(copy, d);
        copyDevices(copy, d);
      }
      c.commit();
    }
    log.info(
        "sample district {} {} ({}): {} grids, {} components, {} devices — generated in {} s,"
            + " loaded in {} s",
        d.code(),
        d.name(),
        scale.name().toLowerCase(),
        d.grids().size(),
        d.components().size(),
        d.devices().size(),
        String.format("%.1f", (t1 - t0) / 1e9),
        String.format("%.1f", (System.nanoTime() - t1) / 1e9));
    return d;
  }

  private static void copyComponents(CopyManager copy, SampleDistrict d) throws Exception {
    Map<String, String> names =
        d.units().stream().collect(Collectors.toMap(Unit::id, Unit::name, (a, b) -> a));
    var in =
        copy.copyIn(
            "copy component (code, district_code, class_code, name, lon, lat, state,"
                + " competent_dept_id, competent_dept_name, owner_id, owner_name,"
                + " maintenance_unit_id, maintenance_unit_name, grid_code, or_date, ch_date,"
                + " data_source, note) from stdin");
    ComponentTable t = d.components();
    StringBuilder sb = new StringBuilder(256);
    Function<String, String> name = id -> id == null ? null : names.getOrDefault(id, id);
    for (int i = 0; i < t.size(); i++) {
      sb.setLength(0);
      CopyText.row(
          sb,
          t.codeText(i),
          d.code().digits(),
          t.classCode(i).code(),
          t.name(i),
          Double.toString(t.lon(i)),
          Double.toString(t.lat(i)),
          t.state(i).name(),
          t.competentDeptId(i),
          name.apply(t.competentDeptId(i)),
          t.ownerId(i),
          name.apply(t.ownerId(i)),
          t.maintenanceUnitId(i),
          name.apply(t.maintenanceUnitId(i)),
          t.gridCode(i) == null ? null : t.gridCode(i).digits(),
          String.valueOf(t.surveyed(i)),
          t.changed(i) == null ? null : t.changed(i).toString(),
          "实测",
          t.note(i));
      byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
    }
    in.endCopy();
  }

  private static void copyDevices(CopyManager copy, SampleDistrict d) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Device device : d.devices()) {
      CopyText.row(
          sb,
          device.id(),
          device.kind().name(),
          device.componentCode().digits(),
          org.wangge.api.device.DeviceSecrets.hash(device.secret()));
    }
    copy.copyIn(
        "copy device (id, kind, component_code, secret_hash) from stdin",
        new StringReader(sb.toString()));
  }
}
