package org.wangge.api;

/** Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, escaped. */
public final class CopyText {

  private CopyText() {}

  public static StringBuilder row(StringBuilder sb, String... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append('\t');
      }
      value(sb, values[i]);
    }
    return sb.append('\n');
  }

  public static StringBuilder value(StringBuilder sb, String v) {
    if (v == null) {
      return sb.append("\\N");
    }
    for (int k = 0; k < v.length(); k++) {
      char ch = v.charAt(k);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }
}
