package org.wangge.geo.routing;

/** How fast a case must move; rules set it per class and alarm. */
public enum Urgency {
  NORMAL("一般"),
  URGENT("紧急"),
  EMERGENCY("特急");

  private final String zhName;

  Urgency(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }
}
