package org.wangge.geo.codes;

/**
 * A grid code: the 6-digit county code (GB/T 2260), then 3 digits of street/town, 3 of
 * community/village and 3 of unit-grid sequence. A district grid has 6 digits, a street 9, a
 * community 12 and a unit grid 15, e.g. {@code 320509001001001}.
 *
 * <p>The older 14-digit unit-grid form (2-digit sequence) is read by {@link #parse} and normalised
 * to 15 digits by prefixing the sequence with 0. Street parts: 001–099 街道, 100–199 镇, 200–399 乡,
 * 400–599 development zones and similar (类似乡级单位); 000 is rejected in every part below the county.
 */
public record GridCode(String digits) implements Comparable<GridCode> {

  public GridCode {
    if (digits == null) {
      throw new IllegalArgumentException("grid code is missing");
    }
    int n = digits.length();
    if (n != 6 && n != 9 && n != 12 && n != 15) {
      throw new IllegalArgumentException(
          "grid code '" + digits + "' has " + n + " digits; expected 6, 9, 12 or 15");
    }
    requireDigits(digits, "grid code");
    AdminCodes.requireCounty(digits.substring(0, 6), "grid code '" + digits + "'");
    for (int start = 6; start < n; start += 3) {
      if (digits.startsWith("000", start)) {
        throw new IllegalArgumentException(
            "grid code '"
                + digits
                + "': the "
                + partName(start)
                + " part (digits "
                + (start + 1)
                + "–"
                + (start + 3)
                + ") must not be 000");
      }
    }
  }

  /**
   * Parses a grid code of 6, 9, 12 or 15 digits, or a legacy 14-digit unit-grid code (normalised to
   * 15 digits). Surrounding white space is ignored.
   *
   * @throws IllegalArgumentException naming the value and the rule it breaks
   */
  public static GridCode parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("grid code is missing");
    }
    String s = text.strip();
    if (s.length() == 14) {
      requireDigits(s, "grid code");
      s = s.substring(0, 12) + "0" + s.substring(12);
    }
    return new GridCode(s);
  }

  public static GridCode of(String community12, int sequence) {
    if (sequence < 1 || sequence > 999) {
      throw new IllegalArgumentException(
          "unit grid sequence " + sequence + " is outside 1–999 (community " + community12 + ")");
    }
    return new GridCode(community12 + String.format("%03d", sequence));
  }

  static void requireDigits(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            what + " '" + s + "' has a non-digit '" + c + "' at position " + (i + 1));
      }
    }
  }

  private static String partName(int start) {
    return switch (start) {
      case 6 -> "street/town";
      case 9 -> "community/village";
      default -> "sequence";
    };
  }

  /** 6-digit county code. */
  public String county() {
    return digits.substring(0, 6);
  }

  /** Number of levels below the county: 0 district, 1 street, 2 community, 3 unit grid. */
  public int depth() {
    return (digits.length() - 6) / 3;
  }

  public boolean isUnitGrid() {
    return digits.length() == 15;
  }

  /** The code of the enclosing level, or {@code null} for a district (6-digit) code. */
  public GridCode parent() {
    return digits.length() == 6 ? null : new GridCode(digits.substring(0, digits.length() - 3));
  }

  /** True when {@code other} is this code or lies below it. */
  public boolean contains(GridCode other) {
    return other.digits.startsWith(digits);
  }

  /** The kind of street-level division, from digits 7–9; {@code null} for a district code. */
  public StreetKind streetKind() {
    return digits.length() < 9 ? null : StreetKind.of(Integer.parseInt(digits.substring(6, 9)));
  }

  @Override
  public int compareTo(GridCode o) {
    return digits.compareTo(o.digits);
  }

  @Override
  public String toString() {
    return digits;
  }

  /** The street/town part's range (GB/T 10114 practice). */
  public enum StreetKind {
    SUBDISTRICT, // 街道 001–099
    TOWN, // 镇 100–199
    TOWNSHIP, // 乡 200–399
    ZONE; // 400–999 development zones, farms and similar 类似乡级单位

    static StreetKind of(int part) {
      if (part < 100) return SUBDISTRICT;
      if (part < 200) return TOWN;
      if (part < 400) return TOWNSHIP;
      return ZONE;
    }
  }
}
