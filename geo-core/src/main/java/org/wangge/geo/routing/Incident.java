package org.wangge.geo.routing;

import java.util.Objects;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassKind;
import org.wangge.geo.component.Component;
import org.wangge.geo.grid.Grid;

/**
 * What is known about a problem when it is routed.
 *
 * @param alarmType the device alarm, or {@code null} for reports without one
 * @param component the component concerned, or {@code null} when none is known; for a {@link
 *     ClassKind#COMPONENT} incident its class must be {@code classCode}
 * @param grid the unit grid the location lies in, as found by the caller's grid index; {@code null}
 *     when it lies outside every grid
 * @param districtCentreId the unit id of the district command centre, which receives what nobody
 *     else can
 */
public record Incident(
    ClassKind kind,
    ClassCode classCode,
    AlarmType alarmType,
    Component component,
    Grid grid,
    String districtCentreId) {

  public Incident {
    Objects.requireNonNull(kind, "incident class kind");
    Objects.requireNonNull(classCode, "incident class code");
    if (districtCentreId == null || districtCentreId.isBlank()) {
      throw new IllegalArgumentException(
          "incident " + classCode + ": district centre id is missing");
    }
    if (kind == ClassKind.COMPONENT
        && component != null
        && !component.classCode().shortForm().equals(classCode.shortForm())) {
      throw new IllegalArgumentException(
          "incident class "
              + classCode
              + " disagrees with the class "
              + component.classCode()
              + " of component "
              + component.code());
    }
  }

  /** An event (事件) report, e.g. 0102 暴露垃圾 found by a patrol. */
  public static Incident event(ClassCode classCode, Grid grid, String districtCentreId) {
    return new Incident(ClassKind.EVENT, classCode, null, null, grid, districtCentreId);
  }

  /**
   * A fault of a known component, from a report or a device alarm ({@code alarmType} may be {@code
   * null}); the class is the component's own.
   */
  public static Incident componentFault(
      Component component, AlarmType alarmType, Grid grid, String districtCentreId) {
    Objects.requireNonNull(component, "component");
    return new Incident(
        ClassKind.COMPONENT, component.classCode(), alarmType, component, grid, districtCentreId);
  }

  /** A fault of a component class whose component is not in the inventory. */
  public static Incident componentFault(ClassCode classCode, Grid grid, String districtCentreId) {
    return new Incident(ClassKind.COMPONENT, classCode, null, null, grid, districtCentreId);
  }
}
