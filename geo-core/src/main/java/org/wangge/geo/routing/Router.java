package org.wangge.geo.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ClassDefinition;
import org.wangge.geo.codes.ClassKind;
import org.wangge.geo.component.Component;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.unit.Unit;

/**
 * Decides which unit handles an incident (条块 routing) and explains why.
 *
 * <ol>
 *   <li>The rule comes from {@link RoutingRules#find}: (class, alarm) → (class, any) → (major, any)
 *       → district default (flagged {@link RoutingFlag#DEFAULT_RULE}).
 *   <li>{@link RoutingMode#TERRITORIAL}: the grid's responsible unit. For a component fault whose
 *       component records a maintenance unit or an owner, ownership overrides territory.
 *   <li>{@link RoutingMode#VERTICAL}: the unit this district maps to the rule's department role;
 *       without a mapping the district centre, flagged {@link RoutingFlag#NO_DEPARTMENT_MAPPING}.
 *   <li>{@link RoutingMode#OWNERSHIP}: the component's maintenance unit, else its owner, else its
 *       competent department (flagged at each fallback). Without a component: the unit mapped to
 *       the rule's department role, else territory (flagged {@link RoutingFlag#NO_COMPONENT}).
 *   <li>A location outside every grid goes to the district centre whatever the rule says, flagged
 *       {@link RoutingFlag#OUTSIDE_GRIDS}: it may lie outside the district. The explanation names
 *       the unit the rule would have chosen.
 * </ol>
 *
 * <p>The router does no spatial search: the caller passes the grid found by its grid index. Unit
 * names, when known, are only used in explanations. Immutable and thread-safe.
 */
public final class Router {

  private final RoutingRules rules;
  private final DepartmentRoles departments;
  private final ClassCatalogue catalogue;
  private final Map<String, Unit> units;

  private Router(
      RoutingRules rules,
      DepartmentRoles departments,
      ClassCatalogue catalogue,
      Map<String, Unit> units) {
    this.rules = Objects.requireNonNull(rules, "routing rules");
    this.departments = Objects.requireNonNull(departments, "department roles");
    this.catalogue = Objects.requireNonNull(catalogue, "class catalogue");
    this.units = Map.copyOf(units);
  }

  /** A router over these rules and this district's departments, with the standard catalogue. */
  public static Router of(RoutingRules rules, DepartmentRoles departments) {
    return new Router(rules, departments, ClassCatalogue.standard(), Map.of());
  }

  /** A copy that names these units in explanations; ids must be unique. */
  public Router withUnits(Collection<Unit> directory) {
    Map<String, Unit> byId = new HashMap<>();
    for (Unit u : directory) {
      if (byId.putIfAbsent(u.id(), u) != null) {
        throw new IllegalArgumentException("unit id " + u.id() + " is given twice");
      }
    }
    return new Router(rules, departments, catalogue, byId);
  }

  /** A copy that names classes from this catalogue in explanations. */
  public Router withCatalogue(ClassCatalogue classes) {
    return new Router(rules, departments, classes, units);
  }

  /** Routes one incident; never returns {@code null}. */
  public Assignment route(Incident incident) {
    Objects.requireNonNull(incident, "incident");
    Trail trail = new Trail();
    RoutingRule rule = rules.find(incident.kind(), incident.classCode(), incident.alarmType());
    if (rule.isDistrictDefault()) {
      trail.flag(RoutingFlag.DEFAULT_RULE);
      trail.say(
          classZh(incident) + "无专门规则，适用区默认规则",
          "no rule for " + classEn(incident) + ": the district default applies");
    }
    Target target = resolve(rule, incident, trail);
    Grid grid = incident.grid();
    String unitId = target.unitId();
    String centre = incident.districtCentreId();
    if (grid == null) {
      trail.flag(RoutingFlag.OUTSIDE_GRIDS);
      trail.say(
          "位置不在任何单元网格内，转区指挥中心 "
              + zh(centre)
              + " 判定"
              + (unitId == null ? "" : "（按规则本应交 " + zh(unitId) + "）"),
          "the location is outside every unit grid: sent to district centre "
              + en(centre)
              + " for a decision"
              + (unitId == null ? "" : " (the rule would have chosen " + en(unitId) + ")"));
      unitId = centre;
    } else if (unitId == null) {
      trail.say(
          "转区指挥中心 " + zh(centre) + " 判定",
          "sent to district centre " + en(centre) + " for a decision");
      unitId = centre;
    }
    trail.say(ruleZh(rule), ruleEn(rule));
    return new Assignment(
        unitId,
        grid == null ? null : grid.code(),
        rule,
        target.mode(),
        rule.deadline(),
        rule.urgency(),
        trail.flags,
        String.join("；", trail.zh),
        String.join("; ", trail.en));
  }

  private record Target(String unitId, RoutingMode mode) {}

  private Target resolve(RoutingRule rule, Incident incident, Trail trail) {
    Component c = incident.component();
    boolean componentFault = incident.kind() == ClassKind.COMPONENT;
    return switch (rule.mode()) {
      case TERRITORIAL -> {
        if (componentFault
            && c != null
            && (present(c.maintenanceUnitId()) || present(c.ownerId()))) {
          yield ownership(c, true, trail);
        }
        yield territorial(incident.grid(), trail);
      }
      case VERTICAL -> vertical(rule.departmentRole(), "条线事项", "vertical matter", trail);
      case OWNERSHIP -> {
        if (c != null) {
          yield ownership(c, false, trail);
        }
        trail.flag(RoutingFlag.NO_COMPONENT);
        if (rule.departmentRole() != null) {
          Target t =
              vertical(
                  rule.departmentRole(),
                  prefixZh(incident) + "，未关联具体部件，按主管部门",
                  prefixEn(incident) + " without a known component, by competent department",
                  trail);
          yield new Target(t.unitId(), RoutingMode.OWNERSHIP);
        }
        trail.say(
            prefixZh(incident) + "，未关联具体部件，改按属地",
            prefixEn(incident) + " without a known component: falls back to territory");
        yield territorial(incident.grid(), trail);
      }
    };
  }

  private Target territorial(Grid grid, Trail trail) {
    if (grid == null) {
      return new Target(null, RoutingMode.TERRITORIAL);
    }
    String gridZh = grid.code() + (grid.name() == null ? "" : "（" + grid.name() + "）");
    String gridEn = grid.code() + (grid.name() == null ? "" : " (" + grid.name() + ")");
    if (!present(grid.responsibleUnitId())) {
      trail.flag(RoutingFlag.GRID_WITHOUT_UNIT);
      trail.say(
          "属地事项，但网格 " + gridZh + " 未登记责任单位",
          "territorial matter, but grid " + gridEn + " has no responsible unit on record");
      return new Target(null, RoutingMode.TERRITORIAL);
    }
    String unit = grid.responsibleUnitId();
    trail.say(
        "属地事项，按网格 " + gridZh + " 路由到责任单位 " + zh(unit),
        "territorial matter: routed by grid " + gridEn + " to its responsible unit " + en(unit));
    return new Target(unit, RoutingMode.TERRITORIAL);
  }

  private Target vertical(String role, String whatZh, String whatEn, Trail trail) {
    Optional<String> unit = departments.unitFor(role);
    if (unit.isEmpty()) {
      trail.flag(RoutingFlag.NO_DEPARTMENT_MAPPING);
      trail.say(
          whatZh + "，但本区未给部门角色 " + role + " 配置单位",
          whatEn + ", but this district maps no unit to department role " + role);
      return new Target(null, RoutingMode.VERTICAL);
    }
    trail.say(
        whatZh + "，交部门角色 " + role + " 对应单位 " + zh(unit.get()),
        whatEn + ": routed to department role " + role + ", unit " + en(unit.get()));
    return new Target(unit.get(), RoutingMode.VERTICAL);
  }

  private Target ownership(Component c, boolean overridesTerritory, Trail trail) {
    String leadZh = overridesTerritory ? "部件故障，部件权属已登记，优先于属地，" : "部件故障，";
    String leadEn =
        overridesTerritory
            ? "component fault: the component's recorded ownership overrides territory; "
            : "component fault: ";
    if (present(c.maintenanceUnitId())) {
      String u = c.maintenanceUnitId();
      trail.say(
          leadZh + "按权属路由到养护单位 " + zh(u),
          leadEn + "routed by ownership to maintenance unit " + en(u));
      return new Target(u, RoutingMode.OWNERSHIP);
    }
    trail.flag(RoutingFlag.NO_MAINTENANCE_UNIT);
    if (present(c.ownerId())) {
      String u = c.ownerId();
      trail.say(
          leadZh + "部件 " + c.code() + " 未登记养护单位，按权属路由到权属单位 " + zh(u),
          leadEn
              + "component "
              + c.code()
              + " has no maintenance unit on record; routed by ownership to owner "
              + en(u));
      return new Target(u, RoutingMode.OWNERSHIP);
    }
    trail.flag(RoutingFlag.NO_OWNER);
    String u = c.competentDeptId();
    trail.say(
        leadZh + "部件 " + c.code() + " 未登记养护单位和权属单位，路由到主管部门 " + zh(u),
        leadEn
            + "component "
            + c.code()
            + " has neither maintenance unit nor owner on record; routed to its competent"
            + " department "
            + en(u));
    return new Target(u, RoutingMode.OWNERSHIP);
  }

  private static boolean present(String id) {
    return id != null && !id.isBlank();
  }

  private String zh(String unitId) {
    Unit u = units.get(unitId);
    return u == null ? unitId : unitId + "（" + u.name() + "）";
  }

  private String en(String unitId) {
    Unit u = units.get(unitId);
    return u == null ? unitId : unitId + " (" + u.name() + ")";
  }

  private static String prefixZh(Incident incident) {
    return incident.kind() == ClassKind.COMPONENT ? "部件故障" : "事件";
  }

  private static String prefixEn(Incident incident) {
    return incident.kind() == ClassKind.COMPONENT ? "component fault" : "event";
  }

  private String classZh(Incident incident) {
    Optional<ClassDefinition> def = catalogue.find(incident.kind(), incident.classCode());
    return incident.kind().zhName()
        + "分类 "
        + incident.classCode()
        + def.map(d -> " " + d.zhName()).orElse("");
  }

  private String classEn(Incident incident) {
    Optional<ClassDefinition> def = catalogue.find(incident.kind(), incident.classCode());
    return incident.kind().name().toLowerCase()
        + " class "
        + incident.classCode()
        + def.map(d -> " " + d.enName()).orElse("");
  }

  private static String ruleZh(RoutingRule rule) {
    return "适用规则 "
        + rule.key()
        + "（"
        + rule.mode().zhName()
        + "）："
        + (rule.onSite() == null ? "" : "到场 " + rule.onSite().describeZh() + "，")
        + "处置时限 "
        + rule.deadline().describeZh()
        + "，"
        + rule.urgency().zhName()
        + "；结案标准："
        + rule.closureStandard();
  }

  private static String ruleEn(RoutingRule rule) {
    return "rule "
        + rule.key()
        + " ("
        + rule.mode().name().toLowerCase()
        + "): "
        + (rule.onSite() == null ? "" : "on site within " + rule.onSite().describeEn() + ", ")
        + "close within "
        + rule.deadline().describeEn()
        + ", "
        + rule.urgency().name().toLowerCase();
  }

  /** The flags and sentences gathered while routing one incident. */
  private static final class Trail {
    final Set<RoutingFlag> flags = EnumSet.noneOf(RoutingFlag.class);
    final List<String> zh = new ArrayList<>();
    final List<String> en = new ArrayList<>();

    void flag(RoutingFlag flag) {
      flags.add(flag);
    }

    void say(String zhText, String enText) {
      zh.add(zhText);
      en.add(enText);
    }
  }
}
