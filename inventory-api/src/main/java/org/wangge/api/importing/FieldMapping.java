package org.wangge.api.importing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wangge.api.web.InvalidParameterException;

/**
 * Which column of the file holds which survey field: the standard names, the Chinese headers, or an
 * explicit mapping given with the upload ({@code {"DeptName1": "管理单位"}}), which wins.
 */
final class FieldMapping {

  private final Map<SurveyField, Integer> columns;

  private FieldMapping(Map<SurveyField, Integer> columns) {
    this.columns = columns;
  }

  static FieldMapping resolve(List<String> headers, Map<String, String> explicit) {
    Map<SurveyField, Integer> columns = new EnumMap<>(SurveyField.class);
    for (SurveyField field : SurveyField.values()) {
      for (int i = 0; i < headers.size(); i++) {
        if (field.matches(headers.get(i))) {
          columns.put(field, i);
          break;
        }
      }
    }
    if (explicit != null) {
      for (var e : explicit.entrySet()) {
        SurveyField field = null;
        for (SurveyField f : SurveyField.values()) {
          if (f.matches(e.getKey()) || f.name().equalsIgnoreCase(e.getKey())) {
            field = f;
          }
        }
        if (field == null) {
          throw new InvalidParameterException(
              "mapping",
              "mapping names '"
                  + e.getKey()
                  + "', which is not a survey field (ObjID, ObjName, …)");
        }
        int at = headers.indexOf(e.getValue());
        if (at < 0) {
          throw new InvalidParameterException(
              "mapping",
              "mapping sends "
                  + e.getKey()
                  + " to column '"
                  + e.getValue()
                  + "', which the file does not have (columns: "
                  + headers
                  + ")");
        }
        columns.put(field, at);
      }
    }
    return new FieldMapping(columns);
  }

  boolean has(SurveyField field) {
    return columns.containsKey(field);
  }

  /** The value as trimmed text, or null when absent or blank. */
  String text(List<Object> values, SurveyField field) {
    Integer at = columns.get(field);
    if (at == null || at >= values.size()) {
      return null;
    }
    Object v = values.get(at);
    if (v == null) {
      return null;
    }
    String s =
        v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : v.toString();
    return stripped(s);
  }

  /**
   * {@link String#strip()}, null when blank; the common value with no white space at either end
   * comes back as it is without {@code strip}'s code-point scan (all white space is in the BMP, so
   * looking at the two end chars decides).
   */
  static String stripped(String s) {
    int n = s.length();
    if (n == 0) {
      return null;
    }
    if (!whitespace(s.charAt(0)) && !whitespace(s.charAt(n - 1))) {
      return s;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  /**
   * {@link Character#isWhitespace(char)}, answered without its table look-up for printable ASCII,
   * Latin and the CJK ideographs, where no white space lies (the first white space above U+0020 is
   * U+1680); the look-up cost as much as the rest of the value's mapping.
   */
  static boolean whitespace(char c) {
    if (c > ' ' && (c < '\u1680' || c >= '\u4E00' && c <= '\u9FFF')) {
      return false;
    }
    return Character.isWhitespace(c);
  }

  Object raw(List<Object> values, SurveyField field) {
    Integer at = columns.get(field);
    return at == null || at >= values.size() ? null : values.get(at);
  }

  Map<SurveyField, Integer> columns() {
    return columns;
  }
}
