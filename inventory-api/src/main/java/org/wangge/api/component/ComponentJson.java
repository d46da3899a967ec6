package org.wangge.api.component;

import org.wangge.api.web.Json;

/** A component as a GeoJSON Feature (lon/lat CGCS2000). */
final class ComponentJson {

  private ComponentJson() {}

  static StringBuilder feature(StringBuilder sb, ComponentRow r, Double distanceMeters) {
    sb.append("{\"type\":\"Feature\",\"id\":");
    Json.string(sb, r.code());
    sb.append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
        .append(r.lon())
        .append(',')
        .append(r.lat())
        .append("]},\"properties\":{");
    Json.field(sb, "code", r.code()).append(',');
    Json.field(sb, "class", r.classCode()).append(',');
    Json.field(sb, "name", r.name()).append(',');
    Json.field(sb, "state", r.state()).append(',');
    Json.field(sb, "grid", r.gridCode()).append(',');
    Json.field(sb, "maintenanceUnit", r.maintenanceUnitId()).append(',');
    Json.field(sb, "owner", r.ownerId());
    if (distanceMeters != null) {
      sb.append(",\"distanceMeters\":").append(Math.round(distanceMeters * 10) / 10.0);
    }
    return sb.append("}}");
  }
}
