package org.wangge.geo.codes;

/**
 * A component code (部件标识码): 6-digit county code + 2-digit major class + 2-digit minor class +
 * 6-digit sequence (16 digits, GB/T 30428.2 / CJ/T 214), e.g. {@code 3205080101000001}; or the
 * 17-digit form of GB/T 47678.5-2026 with a 3-digit minor class. Both are accepted; the form is
 * kept as given.
 */
public record ComponentCode(String digits) implements Comparable<ComponentCode> {

  public ComponentCode {
    if (digits == null) {
      throw new IllegalArgumentException("component code is missing");
    }
    if (digits.length() != 16 && digits.length() != 17) {
      throw new IllegalArgumentException(
          "component code '"
              + digits
              + "' has "
              + digits.length()
              + " digits; expected 16 (6 county + 2 major + 2 minor + 6 sequence) or 17 (3-digit"
              + " minor class)");
    }
    GridCode.requireDigits(digits, "component code");
    AdminCodes.requireCounty(digits.substring(0, 6), "component code '" + digits + "'");
    if (digits.startsWith("00", 6)) {
      throw new IllegalArgumentException(
          "component code '" + digits + "': major class (digits 7–8) must not be 00");
    }
    int minorEnd = digits.length() - 6;
    if (Integer.parseInt(digits.substring(8, minorEnd)) == 0) {
      throw new IllegalArgumentException(
          "component code '" + digits + "': minor class must not be 0");
    }
    if (digits.endsWith("000000")) {
      throw new IllegalArgumentException(
          "component code '" + digits + "': sequence (last 6 digits) must not be 000000");
    }
  }

  public static ComponentCode parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("component code is missing");
    }
    return new ComponentCode(text.strip());
  }

  /** Builds a 16-digit code from a county, a 4-digit class code and a sequence (1–999,999). */
  public static ComponentCode of(String county, ClassCode componentClass, int sequence) {
    if (sequence < 1 || sequence > 999_999) {
      throw new IllegalArgumentException("component sequence " + sequence + " is outside 1–999999");
    }
    return new ComponentCode(county + componentClass.code() + String.format("%06d", sequence));
  }

  public String county() {
    return digits.substring(0, 6);
  }

  /** The class this code names: major + minor, 4 digits (16-digit form) or 5 (17-digit form). */
  public ClassCode classCode() {
    return new ClassCode(digits.substring(6, digits.length() - 6));
  }

  public int sequence() {
    return Integer.parseInt(digits.substring(digits.length() - 6));
  }

  @Override
  public int compareTo(ComponentCode o) {
    return digits.compareTo(o.digits);
  }

  @Override
  public String toString() {
    return digits;
  }
}
