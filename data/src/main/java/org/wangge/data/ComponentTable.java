package org.wangge.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.wangge.data.internal.ComponentClass;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.component.Component;
import org.wangge.geo.component.ComponentState;

/**
 * The components of a sample district held column-wise in primitive arrays (649,000 rows at Wujiang
 * scale); {@link #get(int)} builds a {@link Component} on demand. Immutable and safe to share
 * between threads. Positions are lon/lat degrees, CGCS2000, rounded to 1e-8 degree.
 */
public final class ComponentTable {

  private final String county;
  private final List<ComponentClass> classes;
  private final Map<String, String> unitNames;
  private final GridCode[] unitGrids;
  private final double[] lon;
  private final double[] lat;
  private final byte[] cls;
  private final byte[] variant;
  private final int[] sequence;
  private final int[] grid;
  private final byte[] state;
  private final int[] orDay;
  private final int[] chDay;

  ComponentTable(
      String county,
      List<ComponentClass> classes,
      Map<String, String> unitNames,
      GridCode[] unitGrids,
      double[] lon,
      double[] lat,
      byte[] cls,
      byte[] variant,
      int[] sequence,
      int[] grid,
      byte[] state,
      int[] orDay,
      int[] chDay) {
    this.county = county;
    this.classes = classes;
    this.unitNames = unitNames;
    this.unitGrids = unitGrids;
    this.lon = lon;
    this.lat = lat;
    this.cls = cls;
    this.variant = variant;
    this.sequence = sequence;
    this.grid = grid;
    this.state = state;
    this.orDay = orDay;
    this.chDay = chDay;
  }

  public int size() {
    return lon.length;
  }

  public Component get(int i) {
    ComponentClass c = classes.get(cls[i]);
    return new Component(
        code(i),
        c.code(),
        c.name(),
        LonLat.of(lon[i], lat[i]),
        state(i),
        competentDeptId(i),
        ownerId(i),
        maintenanceUnitId(i),
        gridCode(i));
  }

  public Stream<Component> stream() {
    return IntStream.range(0, size()).mapToObj(this::get);
  }

  /** The 16-digit code as text, without building a {@link ComponentCode}. */
  public String codeText(int i) {
    String seq = Integer.toString(sequence[i]);
    return county + classes.get(cls[i]).code().code() + "000000".substring(seq.length()) + seq;
  }

  public ComponentCode code(int i) {
    return new ComponentCode(codeText(i));
  }

  public ClassCode classCode(int i) {
    return classes.get(cls[i]).code();
  }

  int classIndex(int i) {
    return cls[i];
  }

  public String name(int i) {
    return classes.get(cls[i]).name();
  }

  public double lon(int i) {
    return lon[i];
  }

  public double lat(int i) {
    return lat[i];
  }

  public ComponentState state(int i) {
    return ComponentState.values()[state[i]];
  }

  public GridCode gridCode(int i) {
    return unitGrids[grid[i]];
  }

  public String competentDeptId(int i) {
    return classes.get(cls[i]).competent().id(county);
  }

  public String ownerId(int i) {
    return classes.get(cls[i]).owners().get(variant[i]).id(county);
  }

  public String maintenanceUnitId(int i) {
    return classes.get(cls[i]).maintainers().get(variant[i]).id(county);
  }

  /** The name of a unit id used in this table (for the DeptName columns). */
  String unitName(String id) {
    return unitNames.getOrDefault(id, "");
  }

  /** First survey date (ORDate). */
  public LocalDate surveyed(int i) {
    return LocalDate.ofEpochDay(orDay[i]);
  }

  /** Last change (CHDate). */
  public LocalDate changed(int i) {
    return LocalDate.ofEpochDay(chDay[i]);
  }

  /** Survey note: why a component is not intact, else empty. */
  public String note(int i) {
    return switch (state(i)) {
      case DAMAGED -> "巡查发现破损";
      case MISSING -> "巡查发现丢失";
      default -> "";
    };
  }
}
