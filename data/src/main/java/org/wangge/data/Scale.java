package org.wangge.data;

/** How big a sample district to generate. */
public enum Scale {
  /** About 2,000 unit grids and 20,000 components: seconds to build, small enough for tests. */
  DEMO(2_000, 20_000),
  /** Wujiang's reported size: exactly 26,423 unit grids and 649,000 components. */
  WUJIANG(26_423, 649_000);

  private final int unitGrids;
  private final int components;

  Scale(int unitGrids, int components) {
    this.unitGrids = unitGrids;
    this.components = components;
  }

  public int unitGrids() {
    return unitGrids;
  }

  public int components() {
    return components;
  }

  /** Reads {@code demo} or {@code wujiang} (any case). */
  public static Scale parse(String text) {
    for (Scale s : values()) {
      if (s.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("scale '" + text + "' is not one of demo, wujiang");
  }
}
