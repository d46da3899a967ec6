package org.wangge.data;

import java.util.Objects;
import org.wangge.geo.codes.ComponentCode;

/**
 * A sample IoT device fitted to a component.
 *
 * @param id stable id, {@code <KIND>-<county>-<6-digit sequence>}, e.g. {@code TILT-320509-000001}
 * @param secret 32 hex digits, generated from the seed: sample data only, never a real credential
 */
public record Device(String id, DeviceKind kind, ComponentCode componentCode, String secret) {

  public Device {
    Objects.requireNonNull(id, "device id");
    Objects.requireNonNull(kind, "kind of device " + id);
    Objects.requireNonNull(componentCode, "component of device " + id);
    Objects.requireNonNull(secret, "secret of device " + id);
  }
}
