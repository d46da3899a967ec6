package org.wangge.api.device;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wangge.api.web.InvalidParameterException;

/** The device CSV: RFC 4180 quoting, a header row naming the columns in any order and case. */
final class DeviceCsv {

  private DeviceCsv() {}

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    for (int i = start; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
          rows.add(row);
        }
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  static Map<String, Integer> header(List<String> names) {
    Map<String, Integer> header = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      header.put(names.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    for (String required : List.of("id", "kind")) {
      if (!header.containsKey(required)) {
        throw new InvalidParameterException(
            "header",
            "the CSV header must name the column '"
                + required
                + "' (columns: id,kind,component_code,secret,dev_eui,name,status)");
      }
    }
    return header;
  }

  static String field(List<String> row, Map<String, Integer> header, String name) {
    Integer i = header.get(name);
    return i == null || i >= row.size() ? null : row.get(i);
  }
}
