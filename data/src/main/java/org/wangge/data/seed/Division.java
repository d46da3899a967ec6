package org.wangge.data.seed;

import org.wangge.geo.codes.GridCode;

/**
 * A real street/town (9-digit code) or village/community (12-digit code) from {@code
 * seed-divisions.csv}, with the code of the division it belongs to.
 */
public record Division(Level level, GridCode code, String name, GridCode parent) {

  public enum Level {
    STREET,
    VILLAGE
  }
}
