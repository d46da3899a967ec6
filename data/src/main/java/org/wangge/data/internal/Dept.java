package org.wangge.data.internal;

import org.wangge.geo.unit.Unit;
import org.wangge.geo.unit.Unit.UnitKind;

/**
 * The vertical departments, owners and maintenance units a district has; ids are {@code
 * U-<county>-<KEY>}, e.g. {@code U-320509-DRAIN}.
 */
public enum Dept {
  CMB("城市管理局", UnitKind.DEPARTMENT),
  WATER_AFFAIRS("水务局", UnitKind.DEPARTMENT),
  PSB("公安分局", UnitKind.DEPARTMENT),
  TRAFFIC("公安分局交通警察大队", UnitKind.DEPARTMENT),
  FIRE("消防救援大队", UnitKind.DEPARTMENT),
  CIVIL("民政局", UnitKind.DEPARTMENT),
  TRANSPORT("交通运输局", UnitKind.DEPARTMENT),
  EDU("教育局", UnitKind.DEPARTMENT),
  HEALTH("卫生健康委员会", UnitKind.DEPARTMENT),
  WATER("供水有限公司", UnitKind.OWNER),
  DRAIN("排水管理处", UnitKind.OWNER),
  POWER("供电公司", UnitKind.OWNER),
  GAS("燃气有限公司", UnitKind.OWNER),
  TELECOM("中国电信%s分公司", UnitKind.OWNER),
  MOBILE("中国移动%s分公司", UnitKind.OWNER),
  UNICOM("中国联通%s分公司", UnitKind.OWNER),
  CATV("广电网络有限公司", UnitKind.OWNER),
  ROAD("市政设施养护所", UnitKind.MAINTENANCE),
  GREEN("园林绿化管理所", UnitKind.MAINTENANCE),
  SANIT("环境卫生管理所", UnitKind.MAINTENANCE),
  LIGHT("路灯管理所", UnitKind.MAINTENANCE);

  private final String nameSuffix;
  private final UnitKind kind;

  Dept(String nameSuffix, UnitKind kind) {
    this.nameSuffix = nameSuffix;
    this.kind = kind;
  }

  public String key() {
    return name().replace("_", "");
  }

  public String id(String county) {
    return "U-" + county + "-" + key();
  }

  public Unit unit(String county, String districtName) {
    String name =
        nameSuffix.contains("%s")
            ? String.format(nameSuffix, districtName)
            : districtName + nameSuffix;
    return new Unit(id(county), name, kind);
  }
}
