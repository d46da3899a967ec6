package org.wangge.geo.unit;

import java.util.Objects;

/**
 * An organisation that answers for grids or components: a street office, a vertical department, an
 * owner or a maintenance contractor.
 *
 * @param id stable identifier used by grids, components and routing rules
 */
public record Unit(String id, String name, UnitKind kind) {

  public Unit {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("unit id is missing");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("unit " + id + ": name is missing");
    }
    Objects.requireNonNull(kind, "kind of unit " + id);
  }

  public enum UnitKind {
    /** The district command centre (区城管指挥中心): receives what nobody else can. */
    DISTRICT_CENTRE,
    /** A street office or town government (街道办事处 / 镇人民政府): territorial 块. */
    STREET_OFFICE,
    /** A community or village committee (居委会 / 村委会). */
    COMMUNITY,
    /** A vertical department (条): water, drainage, traffic police, landscaping … */
    DEPARTMENT,
    /** A utility or company owning components (权属单位). */
    OWNER,
    /** A maintenance contractor (养护单位). */
    MAINTENANCE
  }
}
