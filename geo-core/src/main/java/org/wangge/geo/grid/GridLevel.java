package org.wangge.geo.grid;

/** The levels of the grid hierarchy, top to bottom, plus special grids laid over unit grids. */
public enum GridLevel {
  DISTRICT("区"),
  STREET("街道/镇"),
  COMMUNITY("社区/村"),
  UNIT("单元网格"),
  /** Schools, hospitals, parks, enterprises (专属网格); may overlap unit grids. */
  SPECIAL("专属网格");

  private final String zhName;

  GridLevel(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }
}
