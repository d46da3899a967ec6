package org.wangge.data;

/** Kinds of IoT devices fitted to sample components. */
public enum DeviceKind {
  COVER_TILT("TILT", "井盖倾斜传感器"),
  LAMP_CONTROLLER("LAMP", "单灯控制器"),
  WATER_LEVEL("LEVEL", "液位传感器"),
  GAS_DETECTOR("GAS", "可燃气体探测器");

  private final String prefix;
  private final String zhName;

  DeviceKind(String prefix, String zhName) {
    this.prefix = prefix;
    this.zhName = zhName;
  }

  /** Short tag used in device ids, e.g. {@code TILT}. */
  public String prefix() {
    return prefix;
  }

  public String zhName() {
    return zhName;
  }
}
