package org.wangge.api.device;

import java.util.Locale;
import java.util.regex.Pattern;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.web.InvalidParameterException;

/**
 * A validated device registration or change: from a JSON body or a CSV row.
 *
 * @param secret the plain secret to store hashed; {@code null} keeps the current one (or, for a new
 *     device, makes the service generate one and return it once)
 */
record DeviceCommand(
    String id,
    String kind,
    String componentCode,
    String secret,
    String status,
    String devEui,
    String name) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern EUI = Pattern.compile("[0-9A-Fa-f]{16}");

  /**
   * Checks every field and names the first wrong one.
   *
   * @throws InvalidParameterException naming the field
   */
  static DeviceCommand validate(
      String id,
      String kind,
      String componentCode,
      String secret,
      String status,
      String devEui,
      String name,
      ComponentStore components) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidParameterException(
          "id", "device id '" + id + "' must be 1–64 letters, digits, '_', '.', ':' or '-'");
    }
    String k;
    try {
      k = DeviceKind.parse(kind).name();
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("kind", e.getMessage());
    }
    String component = blankToNull(componentCode);
    if (component != null && components.snapshot().byCode(component) == null) {
      throw new InvalidParameterException(
          "componentCode", "component " + component + " is not in the inventory");
    }
    String s = blankToNull(secret);
    if (s != null && (s.length() < 16 || s.length() > 128)) {
      throw new InvalidParameterException(
          "secret", "a device secret must have 16–128 characters (it has " + s.length() + ")");
    }
    String st = blankToNull(status) == null ? "ACTIVE" : status.strip().toUpperCase(Locale.ROOT);
    if (!st.equals("ACTIVE") && !st.equals("DISABLED")) {
      throw new InvalidParameterException(
          "status", "status '" + status + "' is not ACTIVE or DISABLED");
    }
    String eui = blankToNull(devEui);
    if (eui != null && !EUI.matcher(eui).matches()) {
      throw new InvalidParameterException(
          "devEui", "DevEUI '" + devEui + "' must be 16 hexadecimal digits");
    }
    return new DeviceCommand(
        id,
        k,
        component,
        s,
        st,
        eui == null ? null : eui.toLowerCase(Locale.ROOT),
        blankToNull(name));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
