package org.wangge.data.internal;

import static org.wangge.data.internal.Dept.*;

import java.util.List;
import org.wangge.data.DeviceKind;
import org.wangge.geo.codes.ClassCode;

/**
 * One component class of the sample mix: its share, who answers for it (主管部门, 权属单位, 养护单位; a class
 * owned by several companies lists them as alternatives, owner {@code i} maintained by maintainer
 * {@code i}), how far from the road centre line it stands, and which device some of them carry.
 *
 * @param offsetMeters typical distance from the road centre line
 */
public record ComponentClass(
    ClassCode code,
    String name,
    double weight,
    Dept competent,
    List<Dept> owners,
    List<Dept> maintainers,
    double offsetMeters,
    DeviceKind device,
    double deviceShare) {

  private static ComponentClass of(
      String code, String name, double weight, Dept competent, Dept owner, Dept maint, double off) {
    return new ComponentClass(
        new ClassCode(code), name, weight, competent, List.of(owner), List.of(maint), off, null, 0);
  }

  private ComponentClass withDevice(DeviceKind kind, double share) {
    return new ComponentClass(
        code, name, weight, competent, owners, maintainers, offsetMeters, kind, share);
  }

  public boolean isCover() {
    return name.endsWith("井盖");
  }

  /**
   * The sample mix; weights are percentages. Covers (0101–0112) make up over half, then trees and
   * lamps.
   */
  public static final List<ComponentClass> MIX =
      List.of(
          of("0101", "上水井盖", 9, WATER_AFFAIRS, WATER, WATER, 2.5)
              .withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0102", "污水井盖", 9, WATER_AFFAIRS, DRAIN, DRAIN, 1.5)
              .withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0103", "雨水井盖", 9, WATER_AFFAIRS, DRAIN, DRAIN, 3.0)
              .withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0104", "雨水箅子", 10, WATER_AFFAIRS, DRAIN, DRAIN, 5.5)
              .withDevice(DeviceKind.WATER_LEVEL, 0.01),
          of("0105", "电力井盖", 5, POWER, POWER, POWER, 6.5).withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0106", "路灯井盖", 3, CMB, LIGHT, LIGHT, 7.0).withDevice(DeviceKind.COVER_TILT, 0.05),
          new ComponentClass(
              new ClassCode("0107"),
              "通讯井盖",
              7,
              TELECOM,
              List.of(TELECOM, MOBILE, UNICOM),
              List.of(TELECOM, MOBILE, UNICOM),
              6.5,
              DeviceKind.COVER_TILT,
              0.05),
          of("0108", "有线电视井盖", 1, CATV, CATV, CATV, 6.5).withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0111", "燃气井盖", 3, GAS, GAS, GAS, 4.0).withDevice(DeviceKind.GAS_DETECTOR, 0.03),
          of("0112", "公安井盖", 1, PSB, PSB, PSB, 6.5).withDevice(DeviceKind.COVER_TILT, 0.05),
          of("0113", "消防设施", 2, FIRE, WATER, WATER, 7.5),
          new ComponentClass(
              new ClassCode("0115"),
              "通讯交接箱",
              1.5,
              TELECOM,
              List.of(TELECOM, MOBILE, UNICOM),
              List.of(TELECOM, MOBILE, UNICOM),
              8.0,
              null,
              0),
          of("0116", "电力设施", 1, POWER, POWER, POWER, 8.0),
          of("0117", "立杆", 2, CMB, POWER, POWER, 7.5),
          of("0118", "路灯", 12, CMB, LIGHT, LIGHT, 7.5).withDevice(DeviceKind.LAMP_CONTROLLER, 0.20),
          of("0136", "监控电子眼", 1.5, PSB, PSB, PSB, 7.5),
          of("0203", "公交站亭", 0.5, TRANSPORT, TRANSPORT, ROAD, 8.0),
          of("0209", "交通标志牌", 3, TRAFFIC, TRAFFIC, TRAFFIC, 7.0),
          of("0211", "交通护栏", 2, TRAFFIC, TRAFFIC, ROAD, 0.5),
          of("0213", "路名牌", 1.5, CIVIL, CIVIL, ROAD, 8.0),
          of("0301", "公共厕所", 0.3, CMB, SANIT, SANIT, 12.0),
          of("0305", "垃圾箱", 5, CMB, SANIT, SANIT, 8.0),
          of("0402", "行道树", 14, CMB, GREEN, GREEN, 6.0),
          of("0407", "街头座椅", 1.2, CMB, GREEN, GREEN, 9.0));
}
