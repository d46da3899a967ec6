package org.wangge.geo.routing;

import java.util.Objects;
import java.util.Set;
import org.wangge.geo.codes.GridCode;

/**
 * The answer of the {@link Router}: who handles the incident, by which rule, how fast, and why.
 *
 * @param unitId the responsible unit; the district centre when routing could not decide
 * @param gridCode the unit grid of the location, {@code null} outside every grid
 * @param mode how the unit was found; may differ from the rule's mode when a component's owner
 *     overrode territory
 * @param deadline the rule's time limit to close the case
 * @param flags why a person should look at this assignment; empty when routing was clean
 * @param explanationZh why, in Chinese, naming the unit
 * @param explanationEn why, in English, naming the unit
 */
public record Assignment(
    String unitId,
    GridCode gridCode,
    RoutingRule rule,
    RoutingMode mode,
    TimeLimit deadline,
    Urgency urgency,
    Set<RoutingFlag> flags,
    String explanationZh,
    String explanationEn) {

  public Assignment {
    if (unitId == null || unitId.isBlank()) {
      throw new IllegalArgumentException("assignment: unit id is missing");
    }
    Objects.requireNonNull(rule, "assignment rule");
    Objects.requireNonNull(mode, "assignment mode");
    Objects.requireNonNull(deadline, "assignment deadline");
    Objects.requireNonNull(urgency, "assignment urgency");
    flags = Set.copyOf(flags);
    Objects.requireNonNull(explanationZh, "Chinese explanation");
    Objects.requireNonNull(explanationEn, "English explanation");
  }

  /** True when routing fell back or lacked data and a dispatcher should check the assignment. */
  public boolean flagged() {
    return !flags.isEmpty();
  }
}
