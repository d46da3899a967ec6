package org.wangge.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepartmentRolesTest {

  @Test
  void mapsRolesToUnitIds() {
    DepartmentRoles roles =
        DepartmentRoles.load(
            new StringReader("role,unit_id\ndept:drainage,U-1\ndept:traffic-police, U-2 \n"),
            "d.csv");

    assertThat(roles.unitFor("dept:traffic-police")).contains("U-2");
    assertThat(roles.unitFor("dept:gas")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "drainage,U-1              | 'drainage'",
        "dept:Drainage,U-1         | 'dept:Drainage'",
        "dept:drainage,            | unit_id",
        "dept:water-supply,U-9     | already on line 2",
      })
  void badLinesAreRejectedWithTheirLineNumber(String row, String fragment) {
    String csv = "role,unit_id\ndept:water-supply,U-1\n" + row + "\n";

    assertThatThrownBy(() -> DepartmentRoles.load(new StringReader(csv), "d.csv"))
        .hasMessageContaining("d.csv line 3")
        .hasMessageContaining(fragment.strip());
  }

  @Test
  void isACopy() {
    var source = new java.util.HashMap<>(Map.of("dept:gas", "U-3"));
    DepartmentRoles roles = DepartmentRoles.of(source);
    source.put("dept:gas", "U-4");

    assertThat(roles.unitFor("dept:gas")).contains("U-3");
  }
}
