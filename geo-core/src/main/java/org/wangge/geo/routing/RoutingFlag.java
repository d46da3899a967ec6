package org.wangge.geo.routing;

/** Why an assignment needs a person to look at it. */
public enum RoutingFlag {
  /** The location lies outside every unit grid: the district centre decides. */
  OUTSIDE_GRIDS,
  /** The grid has no responsible unit on record: the district centre decides. */
  GRID_WITHOUT_UNIT,
  /** The rule's department role has no unit in this district: the district centre decides. */
  NO_DEPARTMENT_MAPPING,
  /** An ownership rule without a component: routed by the rule's department or by territory. */
  NO_COMPONENT,
  /** The component has no maintenance unit (养护单位) on record: routed to its owner or beyond. */
  NO_MAINTENANCE_UNIT,
  /** The component has neither maintenance unit nor owner: routed to its competent department. */
  NO_OWNER,
  /** No rule for the class or its major class: the district default applied. */
  DEFAULT_RULE
}
