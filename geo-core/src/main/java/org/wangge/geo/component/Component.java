package org.wangge.geo.component;

import java.util.Objects;
import org.wangge.geo.LonLat;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.codes.GridCode;

/**
 * An urban component (部件) with its "ID card": code, class, position (lon/lat CGCS2000), state and
 * the three units that answer for it.
 *
 * @param competentDeptId 主管部门 ({@code DeptCode1})
 * @param ownerId 权属单位 ({@code DeptCode2})
 * @param maintenanceUnitId 养护单位 ({@code DeptCode3})
 * @param gridCode the unit grid it lies in ({@code BGID}); {@code null} when outside every grid
 */
public record Component(
    ComponentCode code,
    ClassCode classCode,
    String name,
    LonLat location,
    ComponentState state,
    String competentDeptId,
    String ownerId,
    String maintenanceUnitId,
    GridCode gridCode) {

  public Component {
    Objects.requireNonNull(code, "component code");
    Objects.requireNonNull(location, "location of component " + code);
    Objects.requireNonNull(state, "state of component " + code);
    if (classCode == null) {
      classCode = code.classCode();
    } else if (!classCode.equals(code.classCode())) {
      throw new IllegalArgumentException(
          "component "
              + code
              + ": class "
              + classCode
              + " disagrees with the class in its code ("
              + code.classCode()
              + ")");
    }
    if (competentDeptId == null || competentDeptId.isBlank()) {
      throw new IllegalArgumentException(
          "component " + code + ": competent department (主管部门) is missing");
    }
  }
}
