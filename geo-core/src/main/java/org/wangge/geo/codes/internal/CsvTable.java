package org.wangge.geo.codes.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the small comma-separated tables that geo-core ships as data (class catalogue, routing
 * rules). Not API: public only so that sibling packages can share it.
 *
 * <p>Format: UTF-8 (a BOM is skipped); blank lines and lines starting with {@code #} are comments;
 * the first other line is the header, matched case-insensitively; every row has as many fields as
 * the header; fields are trimmed; a field may be double-quoted to hold a comma, with {@code ""} for
 * a quote; a row spans one line. Errors name the source and the 1-based physical line.
 */
public final class CsvTable {

  private CsvTable() {}

  /** One data row; {@link #line()} is the physical line number in the source. */
  public record Row(String source, int line, Map<String, String> fields) {

    /** The trimmed value, {@code ""} when empty. */
    public String get(String column) {
      String v = fields.get(column);
      if (v == null) {
        throw new IllegalStateException("column '" + column + "' was not declared as required");
      }
      return v;
    }

    /** The trimmed value, or a failure naming the line when empty. */
    public String required(String column) {
      String v = get(column);
      if (v.isEmpty()) {
        throw fail("column '" + column + "' is empty");
      }
      return v;
    }

    /**
     * Parses a column, turning a parser's {@link IllegalArgumentException} into one naming the
     * line.
     */
    public <T> T parse(String column, Function<String, T> parser) {
      try {
        return parser.apply(get(column));
      } catch (IllegalArgumentException e) {
        throw fail(column + ": " + e.getMessage(), e);
      }
    }

    public IllegalArgumentException fail(String message) {
      return new IllegalArgumentException(source + " line " + line + ": " + message);
    }

    public IllegalArgumentException fail(String message, Throwable cause) {
      return new IllegalArgumentException(source + " line " + line + ": " + message, cause);
    }
  }

  /**
   * Reads all rows. The header must contain every name in {@code columns}; other columns are
   * ignored. The reader is consumed but not closed.
   *
   * @throws IllegalArgumentException naming the source and line of the first malformed line
   * @throws UncheckedIOException when reading fails
   */
  public static List<Row> read(Reader reader, String source, Collection<String> columns) {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    int lineNo = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        List<String> fields = split(line, source, lineNo);
        if (header == null) {
          header = fields.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
          for (String c : columns) {
            if (!header.contains(c)) {
              throw new IllegalArgumentException(
                  source
                      + " line "
                      + lineNo
                      + ": header lacks column '"
                      + c
                      + "' (has "
                      + header
                      + ")");
            }
          }
          continue;
        }
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + lineNo
                  + ": "
                  + fields.size()
                  + " fields, the header has "
                  + header.size()
                  + " ("
                  + String.join(",", header)
                  + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          values.put(header.get(i), fields.get(i));
        }
        rows.add(new Row(source, lineNo, Map.copyOf(values)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " failed at line " + lineNo, e);
    }
    if (header == null) {
      throw new IllegalArgumentException(source + ": no header line");
    }
    return List.copyOf(rows);
  }

  /** Reads a UTF-8 resource next to {@code anchor}; fails if it is not on the class path. */
  public static List<Row> readResource(Class<?> anchor, String name, Collection<String> columns) {
    InputStream stream = anchor.getResourceAsStream(name);
    if (stream == null) {
      throw new IllegalStateException(
          "resource " + name + " is missing next to " + anchor.getName() + " (broken build?)");
    }
    try (Reader r = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      return read(r, name, columns);
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + name, e);
    }
  }

  private static List<String> split(String line, String source, int lineNo) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": text after a closing quote at column " + (i + 1));
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(source + " line " + lineNo + ": unclosed quote");
    }
    fields.add(field.toString().strip());
    return fields;
  }
}
