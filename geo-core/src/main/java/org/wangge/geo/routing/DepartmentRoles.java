package org.wangge.geo.routing;

import java.io.Reader;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.wangge.geo.codes.internal.CsvTable;

/**
 * One district's mapping from department role keys used by the rules ({@code dept:drainage}, {@code
 * dept:traffic-police} …) to its own unit ids. Immutable.
 */
public record DepartmentRoles(Map<String, String> unitIdsByRole) {

  public DepartmentRoles {
    Map<String, String> copy = new TreeMap<>();
    unitIdsByRole.forEach(
        (role, unitId) -> {
          if (role == null || !RoutingRule.ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException(
                "department role '" + role + "' is not of the form dept:lower-case-words");
          }
          if (unitId == null || unitId.isBlank()) {
            throw new IllegalArgumentException("department role " + role + ": unit id is missing");
          }
          copy.put(role, unitId.strip());
        });
    unitIdsByRole = Collections.unmodifiableMap(copy);
  }

  public static DepartmentRoles of(Map<String, String> unitIdsByRole) {
    return new DepartmentRoles(unitIdsByRole);
  }

  public static DepartmentRoles none() {
    return new DepartmentRoles(Map.of());
  }

  /**
   * Reads CSV with columns {@code role} and {@code unit_id}.
   *
   * @throws IllegalArgumentException naming the line of a malformed or repeated role
   */
  public static DepartmentRoles load(Reader csv, String source) {
    Map<String, String> map = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (CsvTable.Row row : CsvTable.read(csv, source, List.of("role", "unit_id"))) {
      String role = row.required("role");
      Integer first = lines.putIfAbsent(role, row.line());
      if (first != null) {
        throw row.fail("department role " + role + " is already on line " + first);
      }
      try {
        map.putAll(new DepartmentRoles(Map.of(role, row.required("unit_id"))).unitIdsByRole());
      } catch (IllegalArgumentException e) {
        throw row.fail(e.getMessage(), e);
      }
    }
    return new DepartmentRoles(map);
  }

  public Optional<String> unitFor(String role) {
    return Optional.ofNullable(unitIdsByRole.get(role));
  }
}
