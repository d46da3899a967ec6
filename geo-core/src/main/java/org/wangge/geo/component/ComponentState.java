package org.wangge.geo.component;

/** The state of a component as recorded in surveys ({@code ObjState}). */
public enum ComponentState {
  INTACT("完好"),
  DAMAGED("破损"),
  MISSING("丢失"),
  ABANDONED("废弃"),
  REMOVED("移除");

  private final String zhName;

  ComponentState(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }

  /** Reads the Chinese name or the English constant (any case). */
  public static ComponentState parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("component state is missing");
    }
    String s = text.strip();
    for (ComponentState state : values()) {
      if (state.zhName.equals(s) || state.name().equalsIgnoreCase(s)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "component state '" + s + "' is not one of 完好, 破损, 丢失, 废弃, 移除");
  }
}
