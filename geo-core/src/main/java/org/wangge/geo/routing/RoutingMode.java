package org.wangge.geo.routing;

/** How a rule picks the responsible unit. */
public enum RoutingMode {
  /** 块: the responsible unit of the grid the incident lies in. */
  TERRITORIAL("属地"),
  /** 条: the unit a district maps to the rule's department role, e.g. {@code dept:drainage}. */
  VERTICAL("条线"),
  /** 权属: the component's maintenance unit, else its owner, else its competent department. */
  OWNERSHIP("权属");

  private final String zhName;

  RoutingMode(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }
}
