package org.wangge.geo.codes;

/** Required position accuracy of a surveyed component (CJ/T 214): A, B or C. */
public enum AccuracyClass {
  /** ≤ 0.5 m: covers, lamps. */
  A(0.5),
  /** ≤ 1 m: bins, kiosks. */
  B(1.0),
  /** ≤ 10 m: bridges, car parks. */
  C(10.0);

  private final double maxErrorMeters;

  AccuracyClass(double maxErrorMeters) {
    this.maxErrorMeters = maxErrorMeters;
  }

  public double maxErrorMeters() {
    return maxErrorMeters;
  }

  public static AccuracyClass parse(String text) {
    if (text != null) {
      for (AccuracyClass a : values()) {
        if (a.name().equalsIgnoreCase(text.strip())) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("accuracy class '" + text + "' is not one of A, B, C");
  }
}
