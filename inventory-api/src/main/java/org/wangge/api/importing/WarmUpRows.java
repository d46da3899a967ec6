package org.wangge.api.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.wangge.api.grid.GridStore;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassDefinition;
import org.wangge.geo.codes.ClassKind;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;

/**
 * Synthetic survey rows for the import's warm-up ({@link ImportWarmUp}): a CSV in the standard
 * columns, shaped like a real survey (codes of this district in ascending sequence per class, every
 * class of the catalogue and every state, Chinese names and units, dates, a note on the rows not
 * intact, plain or quoted, lon/lat with 8 decimals), every position inside a unit grid of the
 * active set and inside its district grid (without one, the unit grids' envelope; the import itself
 * checks the stored district boundary, so the rare row of a district grid drawn beyond it is
 * rejected, as a real file's would be), so that every row takes the accepting path as a real file's
 * rows do. Deterministic for a given grid set.
 */
final class WarmUpRows {

  private static final String[] UNIT_NAMES = {
    "预热水务局", "预热供水有限公司", "预热排水管理处", "预热供电公司", "预热城市管理局", "预热路灯管理所", "预热电信分公司", "预热移动分公司"
  };

  private static final ComponentState[] STATES = ComponentState.values();

  private final byte[] csv;
  private final int rows;

  private WarmUpRows(byte[] csv, int rows) {
    this.csv = csv;
    this.rows = rows;
  }

  /** The CSV, UTF-8 with its header. */
  byte[] csv() {
    return csv;
  }

  int rows() {
    return rows;
  }

  /**
   * About {@code count} rows over the active grid set; fewer when positions inside a unit grid are
   * hard to find (a set whose grids cover little of its envelope), none for a set without unit
   * grids.
   */
  static WarmUpRows of(
      String district, GridStore.Active active, ClassCatalogue catalogue, int count) {
    GridIndex index = active.index();
    GeometryFactory factory = new GeometryFactory();
    PreparedGeometry area = null;
    Envelope extent = new Envelope();
    for (Grid g : active.grids()) {
      if (g.level() == GridLevel.DISTRICT && area == null) {
        area = PreparedGeometryFactory.prepare(g.geometry());
      }
      if (g.level() == GridLevel.UNIT) {
        extent.expandToInclude(g.geometry().getEnvelopeInternal());
      }
    }
    if (area == null) {
      area = PreparedGeometryFactory.prepare(factory.toGeometry(extent));
    }
    List<ClassCode> classes = new ArrayList<>();
    // every class of the catalogue: the validator remembers each class it has seen, and a class
    // met for the first time in a real job would make its compiled code give way
    for (ClassDefinition d : catalogue.all(ClassKind.COMPONENT)) {
      if (!d.isMajor() && d.code().code().length() == 4) {
        classes.add(d.code());
      }
    }
    List<String> classNames = new ArrayList<>();
    for (ClassCode c : classes) {
      classNames.add(catalogue.requireComponent(c).zhName());
    }
    // the sample files' columns, the survey standard's names
    StringBuilder sb = new StringBuilder(count * 230 + 200);
    sb.append(org.wangge.data.SampleWriter.COMPONENT_HEADER).append('\n');
    SplittableRandom random = new SplittableRandom(20261124L);
    int[] sequences = new int[classes.size()];
    int written = 0;
    if (!extent.isNull() && !classes.isEmpty()) {
      for (int attempt = 0; written < count && attempt < count * 20; attempt++) {
        double lon = round8(extent.getMinX() + random.nextDouble() * extent.getWidth());
        double lat = round8(extent.getMinY() + random.nextDouble() * extent.getHeight());
        int at = index.locateIndex(lon, lat);
        if (at == GridIndex.NONE || !area.covers(factory.createPoint(new Coordinate(lon, lat)))) {
          continue;
        }
        int c = random.nextInt(classes.size());
        if (sequences[c] == 999_999) {
          continue;
        }
        int unit = random.nextInt(UNIT_NAMES.length);
        int owner = (unit + 1) % UNIT_NAMES.length;
        // every state, most intact, as in a survey; a note on the others, some quoted
        ComponentState state =
            random.nextInt(8) == 0 ? STATES[random.nextInt(STATES.length)] : ComponentState.INTACT;
        int surveyed = 17_000 + random.nextInt(2_000); // days since 1970: 2016–2022
        sb.append(ComponentCode.of(district, classes.get(c), ++sequences[c]).digits()).append(',');
        sb.append(classNames.get(c)).append(',');
        sb.append(classes.get(c).code()).append(',');
        unit(sb, district, unit).append(',');
        unit(sb, district, owner).append(',');
        unit(sb, district, owner).append(',');
        sb.append(index.unitGrids().get(at).code().digits()).append(',');
        sb.append(state.zhName()).append(',');
        sb.append(java.time.LocalDate.ofEpochDay(surveyed)).append(',');
        sb.append(java.time.LocalDate.ofEpochDay(surveyed + random.nextInt(700))).append(',');
        sb.append("实测,");
        if (state != ComponentState.INTACT) {
          if (random.nextBoolean()) {
            sb.append("巡查发现").append(state.zhName());
          } else {
            sb.append("\"巡查发现").append(state.zhName()).append(",待处理\"");
          }
        }
        sb.append(',').append(lon).append(',').append(lat).append('\n');
        written++;
      }
    }
    return new WarmUpRows(sb.toString().getBytes(StandardCharsets.UTF_8), written);
  }

  private static StringBuilder unit(StringBuilder sb, String district, int unit) {
    return sb.append("U-")
        .append(district)
        .append("-W")
        .append(unit)
        .append(',')
        .append(UNIT_NAMES[unit]);
  }

  private static double round8(double v) {
    return Math.round(v * 1e8) / 1e8;
  }
}
