package org.wangge.geo.routing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A device alarm type in upper snake case, e.g. {@code COVER_TILT}. The set is open: devices bring
 * their own; the constants are the ones the shipped rules know.
 */
public record AlarmType(String code) {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

  public static final AlarmType COVER_TILT = new AlarmType("COVER_TILT");
  public static final AlarmType COVER_OPEN = new AlarmType("COVER_OPEN");
  public static final AlarmType WATER_LEVEL_HIGH = new AlarmType("WATER_LEVEL_HIGH");
  public static final AlarmType LAMP_FAULT = new AlarmType("LAMP_FAULT");
  public static final AlarmType GAS_LEAK = new AlarmType("GAS_LEAK");
  public static final AlarmType SMOKE = new AlarmType("SMOKE");
  public static final AlarmType TAMPER = new AlarmType("TAMPER");
  public static final AlarmType OFFLINE = new AlarmType("OFFLINE");
  public static final AlarmType BATTERY_LOW = new AlarmType("BATTERY_LOW");

  public AlarmType {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "alarm type '" + code + "' is not upper snake case (A-Z, 0-9, _; at most 40 characters)");
    }
  }

  /** Reads an alarm type in any case, ignoring surrounding white space. */
  public static AlarmType parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("alarm type is missing");
    }
    return new AlarmType(text.strip().toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return code;
  }
}
