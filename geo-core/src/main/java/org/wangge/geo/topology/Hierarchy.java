package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.GridLevel;

/**
 * Parent links: reports missing parents and parents of the wrong level, and groups each grid under
 * its parent when the link is sound so that gaps and overhangs can be measured.
 */
final class Hierarchy {

  private Hierarchy() {}

  /** The level a grid of {@code level} belongs to; not for districts and special grids. */
  static GridLevel parentLevel(GridLevel level) {
    return switch (level) {
      case STREET -> GridLevel.DISTRICT;
      case COMMUNITY -> GridLevel.STREET;
      case UNIT -> GridLevel.COMMUNITY;
      case DISTRICT, SPECIAL -> throw new IllegalArgumentException(level + " has no parent level");
    };
  }

  /** The level of the grids that partition a grid of {@code level}; not for units and specials. */
  static GridLevel childLevel(GridLevel level) {
    return switch (level) {
      case DISTRICT -> GridLevel.STREET;
      case STREET -> GridLevel.COMMUNITY;
      case COMMUNITY -> GridLevel.UNIT;
      case UNIT, SPECIAL -> throw new IllegalArgumentException(level + " has no child level");
    };
  }

  /**
   * Children by parent code, for sound links only (special grids excluded); every district, street
   * and community in {@code byCode} gets an entry, possibly empty.
   */
  static Map<GridCode, List<CheckedGrid>> children(
      Map<GridCode, CheckedGrid> byCode, List<TopologyProblem> problems) {
    Map<GridCode, List<CheckedGrid>> children = new LinkedHashMap<>();
    for (CheckedGrid g : byCode.values()) {
      if (g.level() != GridLevel.UNIT && g.level() != GridLevel.SPECIAL) {
        children.put(g.code(), new ArrayList<>());
      }
    }
    for (CheckedGrid g : byCode.values()) {
      if (g.parent() == null) {
        continue;
      }
      CheckedGrid parent = byCode.get(g.parent());
      String label = Problems.levelEn(g.level()) + " " + g.code();
      String labelZh = Problems.levelZh(g.level()) + " " + g.code();
      if (parent == null) {
        problems.add(
            Problems.of(
                ProblemKind.MISSING_PARENT,
                List.of(g.codeText(), g.parent().digits()),
                g.row(),
                g.geometry(),
                label + " names parent " + g.parent() + ", which is not in the grid set",
                labelZh + " 的上级网格 " + g.parent() + " 不存在"));
        continue;
      }
      if (g.level() == GridLevel.SPECIAL) {
        continue;
      }
      GridLevel expected = parentLevel(g.level());
      if (parent.level() == expected) {
        children.get(parent.code()).add(g);
        continue;
      }
      String parentEn = Problems.levelEn(parent.level()) + " " + parent.code();
      String parentZh = Problems.levelZh(parent.level()) + " " + parent.code();
      boolean unit = g.level() == GridLevel.UNIT;
      problems.add(
          Problems.of(
              unit ? ProblemKind.UNIT_WITHOUT_COMMUNITY : ProblemKind.PARENT_LEVEL_MISMATCH,
              List.of(g.codeText(), parent.codeText()),
              g.row(),
              g.geometry(),
              label
                  + " has parent "
                  + parentEn
                  + "; a "
                  + Problems.levelEn(g.level())
                  + " belongs to a "
                  + Problems.levelEn(expected),
              labelZh + " 的上级是" + parentZh + "，应归属于" + Problems.levelZh(expected)));
    }
    return children;
  }
}
