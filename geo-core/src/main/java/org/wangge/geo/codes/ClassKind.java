package org.wangge.geo.codes;

/** The two class catalogues: components (部件) and events (事件). Their codes overlap. */
public enum ClassKind {
  COMPONENT("部件"),
  EVENT("事件");

  private final String zhName;

  ClassKind(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }

  /** Reads {@code component}, {@code event} (any case) or 部件, 事件. */
  public static ClassKind parse(String text) {
    if (text != null) {
      String s = text.strip();
      for (ClassKind kind : values()) {
        if (kind.name().equalsIgnoreCase(s) || kind.zhName.equals(s)) {
          return kind;
        }
      }
    }
    throw new IllegalArgumentException(
        "class kind '" + text + "' is not one of component, event, 部件, 事件");
  }
}
