package org.wangge.api.web;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** Hand-written JSON for the hot listing endpoints: no object tree per feature. */
public final class Json {

  private Json() {}

  public static StringBuilder string(StringBuilder sb, String s) {
    if (s == null) {
      return sb.append("null");
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  public static StringBuilder field(StringBuilder sb, String name, String value) {
    string(sb, name).append(':');
    return string(sb, value);
  }

  /** GeoJSON geometry with up to 9 decimals (about 0.1 mm). */
  public static String geometry(Geometry g) {
    GeoJsonWriter writer = new GeoJsonWriter(9);
    writer.setEncodeCRS(false);
    return writer.write(g);
  }
}
