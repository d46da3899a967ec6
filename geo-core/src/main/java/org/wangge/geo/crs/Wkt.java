package org.wangge.geo.crs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A node of well-known text, WKT1 (OGC or ESRI) or WKT2: {@code KEYWORD["name", value, CHILD[...],
 * ...]}, with brackets or parentheses. Values are {@link String} (quoted text or bare words),
 * {@link Double} or nested nodes.
 */
record Wkt(String keyword, List<Object> values) {

  Wkt {
    values = List.copyOf(values);
  }

  /**
   * Parses WKT text.
   *
   * @throws IllegalArgumentException naming the position of the first syntax error
   */
  static Wkt parse(String text) {
    Parser parser = new Parser(text);
    Wkt node = parser.node();
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the closing bracket");
    }
    return node;
  }

  /** The first quoted value, conventionally the name; empty string if there is none. */
  String name() {
    return values.isEmpty() || !(values.get(0) instanceof String s) ? "" : s;
  }

  Optional<Wkt> child(String... keywords) {
    return children(keywords).stream().findFirst();
  }

  List<Wkt> children(String... keywords) {
    List<Wkt> result = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Wkt node) {
        for (String keyword : keywords) {
          if (node.keyword.equalsIgnoreCase(keyword)) {
            result.add(node);
            break;
          }
        }
      }
    }
    return result;
  }

  /**
   * The value at {@code index} as a number, parsing quoted digits too (AUTHORITY["EPSG","4549"]).
   */
  Optional<Double> number(int index) {
    if (index >= values.size()) {
      return Optional.empty();
    }
    Object value = values.get(index);
    if (value instanceof Double d) {
      return Optional.of(d);
    }
    if (value instanceof String s) {
      try {
        return Optional.of(Double.parseDouble(s.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  String upperKeyword() {
    return keyword.toUpperCase(Locale.ROOT);
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Wkt node() {
      skipSpace();
      int start = pos;
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a keyword such as PROJCS or GEOGCS");
      }
      String keyword = text.substring(start, pos);
      skipSpace();
      char open = pos < text.length() ? text.charAt(pos) : '\0';
      if (open != '[' && open != '(') {
        throw error("expected '[' after " + keyword);
      }
      char close = open == '[' ? ']' : ')';
      pos++;
      List<Object> values = new ArrayList<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == close) {
        pos++;
        return new Wkt(keyword, values);
      }
      while (true) {
        values.add(value());
        skipSpace();
        if (pos >= text.length()) {
          throw error("missing '" + close + "' to close " + keyword);
        }
        char c = text.charAt(pos++);
        if (c == close) {
          return new Wkt(keyword, values);
        }
        if (c != ',') {
          throw error("expected ',' or '" + close + "' in " + keyword);
        }
      }
    }

    private Object value() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("unexpected end of text");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        return quoted();
      }
      int start = pos;
      while (pos < text.length()
          && (isWordChar(text.charAt(pos)) || "+-.".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      if (start == pos) {
        throw error("unexpected character '" + c + "'");
      }
      String word = text.substring(start, pos);
      int afterWord = pos;
      skipSpace();
      if (pos < text.length() && (text.charAt(pos) == '[' || text.charAt(pos) == '(')) {
        pos = start;
        return node();
      }
      pos = afterWord;
      try {
        return Double.parseDouble(word);
      } catch (NumberFormatException e) {
        return word;
      }
    }

    private String quoted() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') { // WKT2 escapes " as ""
            sb.append('"');
            pos++;
          } else {
            return sb.toString();
          }
        } else {
          sb.append(c);
        }
      }
      throw error("unterminated quoted text");
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }

    IllegalArgumentException error(String problem) {
      int from = Math.max(0, pos - 20);
      int to = Math.min(text.length(), pos + 20);
      return new IllegalArgumentException(
          "malformed WKT at character "
              + pos
              + " (near '"
              + text.substring(from, to)
              + "'): "
              + problem);
    }
  }
}
