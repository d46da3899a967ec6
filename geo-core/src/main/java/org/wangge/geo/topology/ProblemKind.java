package org.wangge.geo.topology;

/**
 * What is wrong, in the order a {@link TopologyReport} lists problems: input faults first, then
 * hierarchy faults, then geometry faults.
 */
public enum ProblemKind {
  /** A code text that is not a 6/9/12/15-digit grid code (or 14-digit legacy unit code). */
  MALFORMED_CODE("编码格式错误"),
  /** A code that occurs more than once; the first occurrence is kept and checked. */
  DUPLICATE_CODE("编码重复"),
  /** A geometry that is missing, empty, not polygonal, or collapses to nothing when repaired. */
  EMPTY_GEOMETRY("几何为空"),
  /** The parent code is not in the checked set. */
  MISSING_PARENT("上级网格缺失"),
  /** A unit grid whose parent is in the set but is not a community grid. */
  UNIT_WITHOUT_COMMUNITY("单元网格未归属社区"),
  /** A street whose parent is not a district, or a community whose parent is not a street. */
  PARENT_LEVEL_MISMATCH("上级网格层级不符"),
  /** Self-intersection or another invalid ring; the problem carries the repaired geometry. */
  INVALID_RING("几何无效"),
  /** Two grids of the same level (special grids excepted) share interior area. */
  OVERLAP("网格重叠"),
  /** Area of a parent (or of the district boundary) that none of its children covers. */
  GAP("网格空隙"),
  /** The part of a child grid that lies outside its parent (or outside the district boundary). */
  CHILD_OUTSIDE_PARENT("超出上级网格");

  private final String zhName;

  ProblemKind(String zhName) {
    this.zhName = zhName;
  }

  public String zhName() {
    return zhName;
  }
}
