package org.wangge.geo.io.internal;

/**
 * Parses plain decimals such as {@code 120.35748552} without {@link Double#parseDouble}'s general
 * machinery, with the same result: when the digits, leading zeros aside, make an integer below
 * 10^15 and there are at most 22 of them after the point, that integer and the power of ten are
 * both exact doubles and one IEEE division rounds correctly (Clinger's fast path). Anything else
 * (exponents, signs with spaces, more digits, hex, NaN) goes to {@code Double.parseDouble}.
 * Stateless and thread-safe.
 */
final class DecimalText {

  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private DecimalText() {}

  /**
   * The value of {@code text} as {@link Double#parseDouble} gives it.
   *
   * @throws NumberFormatException as {@code Double.parseDouble} does
   */
  static double parse(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0; // significant digits taken into the mantissa
    int anyDigits = 0;
    int fraction = -1; // digits after the point, -1 before it
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        anyDigits++;
        if (mantissa != 0 || c != '0') {
          if (++digits > 15) {
            return Double.parseDouble(text);
          }
          mantissa = mantissa * 10 + (c - '0');
        }
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.parseDouble(text);
      }
    }
    if (anyDigits == 0 || fraction > 22) {
      return Double.parseDouble(text);
    }
    double value = fraction > 0 ? mantissa / POWERS[fraction] : mantissa;
    return negative ? -value : value;
  }
}
