package org.wangge.geo.codes;

/**
 * A component or event class: 2-digit major + 2-digit minor class (e.g. {@code 0101} 上水井盖), or 2 +
 * 3 digits in the GB/T 47678.5-2026 form. A 2-digit value names a major class alone.
 */
public record ClassCode(String code) implements Comparable<ClassCode> {

  public ClassCode {
    if (code == null) {
      throw new IllegalArgumentException("class code is missing");
    }
    if (code.length() != 2 && code.length() != 4 && code.length() != 5) {
      throw new IllegalArgumentException(
          "class code '" + code + "' has " + code.length() + " digits; expected 2, 4 or 5");
    }
    GridCode.requireDigits(code, "class code");
    if (code.startsWith("00")) {
      throw new IllegalArgumentException("class code '" + code + "': major class must not be 00");
    }
  }

  public static ClassCode parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("class code is missing");
    }
    return new ClassCode(text.strip());
  }

  public String major() {
    return code.substring(0, 2);
  }

  public boolean isMajor() {
    return code.length() == 2;
  }

  /** The 2-digit major class of this code as a class code of its own. */
  public ClassCode majorClass() {
    return isMajor() ? this : new ClassCode(major());
  }

  /**
   * The 4-digit form of a 5-digit class whose 3-digit minor is below 100 ({@code 01001} → {@code
   * 0101}); otherwise this code. Assumes GB/T 47678.5-2026 pads the old 2-digit minor classes with
   * a leading zero, which only one source shows: catalogues and rules look up the exact code first.
   */
  public ClassCode shortForm() {
    return code.length() == 5 && code.charAt(2) == '0'
        ? new ClassCode(code.substring(0, 2) + code.substring(3))
        : this;
  }

  @Override
  public int compareTo(ClassCode o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
