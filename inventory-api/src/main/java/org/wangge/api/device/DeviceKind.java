package org.wangge.api.device;

import java.util.Arrays;

/** The kinds of devices the registry accepts; the ChirpStack decoder is chosen by kind. */
enum DeviceKind {
  COVER_TILT,
  LAMP_CONTROLLER,
  WATER_LEVEL,
  GAS_DETECTOR,
  SMOKE_DETECTOR,
  CAMERA,
  HYDRANT_PRESSURE,
  GENERIC;

  static DeviceKind parse(String text) {
    try {
      return valueOf(String.valueOf(text).strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind '" + text + "' is not one of " + Arrays.toString(values()));
    }
  }
}
