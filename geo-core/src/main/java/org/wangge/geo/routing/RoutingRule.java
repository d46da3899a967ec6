package org.wangge.geo.routing;

import java.util.Objects;
import java.util.regex.Pattern;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassKind;

/**
 * One line of the responsibility lists (两份清单): for a class (and optionally an alarm type), how to
 * find the responsible unit, the time limits, the urgency and the closure standard.
 *
 * <p>The key is {@code (kind, classCode, alarmType)}. {@code classCode} may be a 2-digit major
 * class (the fallback for its minors). The district default has {@code kind}, {@code classCode} and
 * {@code alarmType} all {@code null}.
 *
 * @param alarmType {@code null} for any alarm and for reports without one
 * @param departmentRole a role key such as {@code dept:drainage}: required for {@link
 *     RoutingMode#VERTICAL}; for {@link RoutingMode#OWNERSHIP} the competent department used when
 *     no component is known; not allowed for {@link RoutingMode#TERRITORIAL}
 * @param onSite time to be on site, or {@code null} when the rule sets none
 * @param deadline time to close the case (处置时限)
 * @param closureStandard the closure standard (结案标准), in Chinese as the lists write it
 */
public record RoutingRule(
    ClassKind kind,
    ClassCode classCode,
    AlarmType alarmType,
    RoutingMode mode,
    String departmentRole,
    TimeLimit onSite,
    TimeLimit deadline,
    Urgency urgency,
    String closureStandard) {

  static final Pattern ROLE = Pattern.compile("dept:[a-z0-9]+(-[a-z0-9]+)*");

  public RoutingRule {
    if ((kind == null) != (classCode == null)) {
      throw new IllegalArgumentException(
          "rule " + kind + " " + classCode + ": kind and class are both given or both absent");
    }
    if (classCode == null && alarmType != null) {
      throw new IllegalArgumentException(
          "the district default rule cannot be for one alarm type (" + alarmType + ")");
    }
    String key = describeKey(kind, classCode, alarmType);
    Objects.requireNonNull(mode, "routing mode of rule " + key);
    Objects.requireNonNull(deadline, "deadline of rule " + key);
    Objects.requireNonNull(urgency, "urgency of rule " + key);
    if (departmentRole != null && departmentRole.isBlank()) {
      departmentRole = null;
    }
    if (departmentRole != null && !ROLE.matcher(departmentRole).matches()) {
      throw new IllegalArgumentException(
          "rule "
              + key
              + ": department role '"
              + departmentRole
              + "' is not of the form dept:lower-case-words");
    }
    if (mode == RoutingMode.VERTICAL && departmentRole == null) {
      throw new IllegalArgumentException(
          "rule " + key + ": a VERTICAL rule needs a department role");
    }
    if (mode == RoutingMode.TERRITORIAL && departmentRole != null) {
      throw new IllegalArgumentException(
          "rule " + key + ": a TERRITORIAL rule names no department (" + departmentRole + ")");
    }
    if (onSite != null
        && onSite.basis() == deadline.basis()
        && onSite.duration().compareTo(deadline.duration()) > 0) {
      throw new IllegalArgumentException(
          "rule " + key + ": on-site limit " + onSite + " exceeds the deadline " + deadline);
    }
    if (closureStandard == null || closureStandard.isBlank()) {
      throw new IllegalArgumentException("rule " + key + ": closure standard is missing");
    }
    closureStandard = closureStandard.strip();
  }

  public boolean isDistrictDefault() {
    return classCode == null;
  }

  public boolean isForMajorClass() {
    return classCode != null && classCode.isMajor();
  }

  /** "component 0101 / COVER_TILT", "event 01 / any alarm", "district default". */
  public String key() {
    return describeKey(kind, classCode, alarmType);
  }

  private static String describeKey(ClassKind kind, ClassCode classCode, AlarmType alarmType) {
    if (classCode == null) {
      return "district default";
    }
    return kind.name().toLowerCase()
        + " "
        + classCode
        + " / "
        + (alarmType == null ? "any alarm" : alarmType.code());
  }

  @Override
  public String toString() {
    return "RoutingRule["
        + key()
        + " → "
        + mode
        + (departmentRole == null ? "" : " " + departmentRole)
        + ", "
        + deadline
        + ", "
        + urgency
        + "]";
  }
}
