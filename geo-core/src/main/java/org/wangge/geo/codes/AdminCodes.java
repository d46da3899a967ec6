package org.wangge.geo.codes;

import java.util.Set;

/** Checks on GB/T 2260 administrative division codes. */
final class AdminCodes {

  /** First two digits of GB/T 2260 province-level codes. */
  private static final Set<String> PROVINCES =
      Set.of(
          "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
          "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
          "65", "71", "81", "82");

  private AdminCodes() {}

  static void requireCounty(String six, String context) {
    GridCode.requireDigits(six, context);
    if (!PROVINCES.contains(six.substring(0, 2))) {
      throw new IllegalArgumentException(
          context
              + ": '"
              + six.substring(0, 2)
              + "' is not a GB/T 2260 province code (digits 1–2)");
    }
    if (six.startsWith("00", 4) && six.startsWith("00", 2)) {
      throw new IllegalArgumentException(
          context + ": '" + six + "' is a province, not a county-level code (digits 3–6 are 0000)");
    }
  }
}
