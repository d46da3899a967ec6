package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;
import org.wangge.api.security.Role;
import org.wangge.geo.LonLat;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.index.ComponentIndex;
import reactor.test.StepVerifier;

/**
 * Components over HTTP against the demo sample in a real PostgreSQL: queries checked against SQL on
 * the same database, the ID card against the coordinate maths, and writes end to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class ComponentsIntegrationTests {

  private static final String DISTRICT = "320509";

  /** 吴江区人民政府, CGCS2000. */
  private static final double GOV_LON = 120.645157;

  private static final double GOV_LAT = 31.138677;

  /** A box of a few km around the government. */
  private static final double[] BOX = {120.62, 31.12, 120.67, 31.16};

  private static final String BBOX = BOX[0] + "," + BOX[1] + "," + BOX[2] + "," + BOX[3];

  /** The SQL {@code from … where} of the components inside {@link #BOX}. */
  private static final String IN_BOX =
      " from component where lon between "
          + BOX[0]
          + " and "
          + BOX[2]
          + " and lat between "
          + BOX[1]
          + " and "
          + BOX[3];

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired WebTestClient client;
  @Autowired DatabaseClient db;
  @Autowired ComponentStore store;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  @Test
  void aBoxQueryReturnsExactlyTheComponentsInTheBox() {
    DocumentContext page = list("bbox=" + BBOX + "&size=10000");
    List<List<Double>> coordinates = page.read("$.features[*].geometry.coordinates");
    assertThat(coordinates)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.get(0)).isBetween(BOX[0], BOX[2]);
              assertThat(c.get(1)).isBetween(BOX[1], BOX[3]);
            });
    int matched = page.read("$.numberMatched", Integer.class);
    assertThat(matched).isEqualTo(count("select count(*) as n" + IN_BOX));
    assertThat(page.read("$.numberReturned", Integer.class)).isEqualTo(matched);
    assertThat(Set.copyOf(page.<List<String>>read("$.features[*].id")))
        .isEqualTo(Set.copyOf(codes("select code" + IN_BOX)));
  }

  @Test
  void pagesAreDisjointAndSized() {
    int size = 40;
    DocumentContext first = list("bbox=" + BBOX + "&size=" + size + "&page=0");
    DocumentContext second = list("bbox=" + BBOX + "&size=" + size + "&page=1");
    int matched = first.read("$.numberMatched", Integer.class);
    assertThat(matched).isGreaterThan(2 * size);
    assertThat(second.read("$.numberMatched", Integer.class)).isEqualTo(matched);
    List<String> a = first.read("$.features[*].id");
    List<String> b = second.read("$.features[*].id");
    assertThat(a).hasSize(size).doesNotHaveDuplicates();
    assertThat(b).hasSize(size).doesNotHaveDuplicates().doesNotContainAnyElementsOf(a);
    assertThat(first.read("$.numberReturned", Integer.class)).isEqualTo(size);
    assertThat(second.read("$.page", Integer.class)).isEqualTo(1);

    int last = (matched - 1) / size;
    DocumentContext tail = list("bbox=" + BBOX + "&size=" + size + "&page=" + last);
    assertThat(tail.read("$.features", List.class)).hasSize(matched - last * size);
    assertThat(
            list("bbox=" + BBOX + "&size=" + size + "&page=" + (last + 1))
                .read("$.features", List.class))
        .isEmpty();
  }

  @Test
  void aBoxQueryAnswersItsPageOfFeaturesInCodeOrder() {
    record Case(String query, String where, int page, int size) {}
    for (Case c :
        List.of(
            new Case("bbox=" + BBOX + "&size=300&page=1", IN_BOX, 1, 300),
            new Case(
                "bbox=" + BBOX + "&class=0101&state=INTACT&size=10000",
                IN_BOX + " and class_code like '0101%' and state = 'INTACT'",
                0,
                10000),
            new Case(
                "unit=U-320509-DRAIN&size=50&page=2",
                " from component where 'U-320509-DRAIN' in"
                    + " (maintenance_unit_id, owner_id, competent_dept_id)",
                2,
                50),
            new Case("bbox=1,1,2,2", " from component where false", 0, 2000))) {
      // the oracle: the codes from SQL in code order, paged, each feature as ComponentJson writes
      // it
      List<String> all = codes("select code" + c.where() + " order by code collate \"C\"");
      List<String> page =
          all.subList(
              Math.min(all.size(), c.page() * c.size()),
              Math.min(all.size(), (c.page() + 1) * c.size()));
      StringBuilder expected =
          new StringBuilder("{\"type\":\"FeatureCollection\",\"numberMatched\":")
              .append(all.size())
              .append(",\"numberReturned\":")
              .append(page.size())
              .append(",\"page\":")
              .append(c.page())
              .append(",\"size\":")
              .append(c.size())
              .append(",\"features\":[");
      ComponentStore.Snapshot snapshot = store.snapshot();
      for (int i = 0; i < page.size(); i++) {
        ComponentJson.feature(
            i == 0 ? expected : expected.append(','), snapshot.byCode(page.get(i)), null);
      }
      expected.append("]}");
      for (String accept : new String[] {null, "application/json;q=0.9", "text/html, */*;q=0.1"}) {
        var request = user().get().uri("/api/components?" + c.query());
        if (accept != null) {
          request = request.header("Accept", accept);
        }
        var result =
            request.exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(result.getResponseBody()).as(c.query()).isEqualTo(expected.toString());
        assertThat(result.getResponseHeaders().getContentType())
            .isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(result.getResponseHeaders().getContentLength())
            .isEqualTo(
                expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      }
    }
    // a parameter given twice is seen comma-joined, as @RequestParam String saw it
    user()
        .get()
        .uri("/api/components?bbox=" + BBOX + "&size=5&size=6")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("size")
        .jsonPath("$.detail")
        .isEqualTo("size '5,6' is not a whole number")
        .jsonPath("$.instance")
        .isEqualTo("/api/components");
    // JSON only; the Accept is checked before the parameters, as the annotated mapping did
    user()
        .get()
        .uri("/api/components?bbox=" + BBOX + "&size=0")
        .header("Accept", "text/html")
        .exchange()
        .expectStatus()
        .isEqualTo(406)
        .expectHeader()
        .valueEquals("Accept", "application/json")
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Not Acceptable");
    // HEAD is not GET to Spring Security: it needs a writing role, as before
    surveyor()
        .head()
        .uri("/api/components?bbox=" + BBOX + "&size=3")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.APPLICATION_JSON)
        .expectBody()
        .isEmpty();
  }

  @Test
  void aPageFarBeyondTheLastIsEmpty() {
    // 524,288 × 8,192 = 2^32: an int offset wrapped to 0 and answered the first page again
    DocumentContext far = list("bbox=" + BBOX + "&size=8192&page=524288");
    assertThat(far.read("$.numberMatched", Integer.class)).isPositive();
    assertThat(far.read("$.numberReturned", Integer.class)).isZero();
    assertThat(far.read("$.features", List.class)).isEmpty();
  }

  @Test
  void filtersMatchTheSameFiltersInSql() {
    DocumentContext byClass = list("bbox=" + BBOX + "&class=0101&size=10000");
    assertThat(byClass.read("$.features[*].properties.class", List.class))
        .isNotEmpty()
        .allMatch(c -> ((String) c).startsWith("0101"));
    assertThat(byClass.read("$.numberMatched", Integer.class))
        .isEqualTo(count("select count(*) as n" + IN_BOX + " and class_code like '0101%'"));

    DocumentContext byMajor = list("class=02&size=1");
    assertThat(byMajor.read("$.numberMatched", Integer.class))
        .isEqualTo(count("select count(*) as n from component where class_code like '02%'"))
        .isPositive();

    DocumentContext damaged = list("bbox=" + BBOX + "&state=DAMAGED&size=10000");
    assertThat(damaged.read("$.features[*].properties.state", List.class))
        .isNotEmpty()
        .containsOnly("DAMAGED");
    assertThat(damaged.read("$.numberMatched", Integer.class))
        .isEqualTo(count("select count(*) as n" + IN_BOX + " and state = 'DAMAGED'"));
    // the Chinese name reads the same
    assertThat(list("bbox=" + BBOX + "&state=破损&size=1").read("$.numberMatched", Integer.class))
        .isEqualTo(damaged.read("$.numberMatched", Integer.class));

    DocumentContext byUnit = list("unit=U-320509-DRAIN&size=10000");
    assertThat(byUnit.read("$.numberMatched", Integer.class))
        .isPositive()
        .isEqualTo(
            count(
                "select count(*) as n from component where 'U-320509-DRAIN' in"
                    + " (maintenance_unit_id, owner_id, competent_dept_id)"));

    String grid = byClass.read("$.features[0].properties.grid");
    DocumentContext byGrid = list("grid=" + grid + "&size=10000");
    assertThat(byGrid.read("$.features[*].properties.grid", List.class))
        .isNotEmpty()
        .containsOnly(grid);
    assertThat(byGrid.read("$.numberMatched", Integer.class))
        .isEqualTo(count("select count(*) as n from component where grid_code = '" + grid + "'"));
    String community = grid.substring(0, 12);
    assertThat(list("grid=" + community + "&size=1").read("$.numberMatched", Integer.class))
        .isEqualTo(
            count("select count(*) as n from component where grid_code like '" + community + "%'"));
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          class=0101&state=BROKEN             | state
          state=DAMAGED                       | bbox
          bbox=120.7,31.1,120.6,31.2          | bbox
          bbox=120.6,31.1,120.7,31.2&size=0   | size
          bbox=120.6,31.1,120.7,31.2&page=-1  | page
          """)
  void badListParametersAreRefusedNamingTheField(String query, String field) {
    user()
        .get()
        .uri("/api/components?" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field);
  }

  @Test
  void nearestAreTheClosestComponentsSortedByDistance() {
    DocumentContext near =
        read(
            user()
                .get()
                .uri("/api/components/nearest?lon=" + GOV_LON + "&lat=" + GOV_LAT + "&k=10")
                .exchange()
                .expectStatus()
                .isOk());
    List<Double> distances = near.read("$.features[*].properties.distanceMeters");
    assertThat(distances).hasSize(10).isSorted();
    // brute force over every row in the database
    Map<String, Double> all = new HashMap<>();
    db.sql("select code, lon, lat from component")
        .map(
            row ->
                Map.entry(
                    row.get("code", String.class),
                    ComponentIndex.distanceMeters(
                        GOV_LON,
                        GOV_LAT,
                        row.get("lon", Double.class),
                        row.get("lat", Double.class))))
        .all()
        .doOnNext(e -> all.put(e.getKey(), e.getValue()))
        .as(StepVerifier::create)
        .thenConsumeWhile(e -> true)
        .verifyComplete();
    List<String> expected =
        all.entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .limit(10)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(near.read("$.features[*].id", List.class)).isEqualTo(expected);
    assertThat(distances.get(0)).isCloseTo(all.get(expected.get(0)), within(0.05));
  }

  @Test
  void theIdCardHasGaussKrugerCoordinatesUnitNamesAndState() {
    String code = list("bbox=" + BBOX + "&class=0103&size=1").read("$.features[0].id");
    Map<String, Object> row =
        db.sql("select * from component where code = :c").bind("c", code).fetch().one().block();
    String body = cardJson(code);
    // the location's keys in one fixed order, whatever the JVM (they were Map.of's, which is not)
    assertThat(body)
        .containsPattern(
            "\"location\":\\{\"cgcs2000\":\\{\"lon\":[-0-9.E]+,\"lat\":[-0-9.E]+\\},"
                + "\"gaussKruger\":\\{\"crs\":\"EPSG:4549\",\"x\":[-0-9.E]+,\"y\":[-0-9.E]+\\}\\}");
    DocumentContext card = JsonPath.parse(body);
    double lon = card.read("$.location.cgcs2000.lon", Double.class);
    double lat = card.read("$.location.cgcs2000.lat", Double.class);
    assertThat(lon).isEqualTo((Double) row.get("lon"));
    assertThat(lat).isEqualTo((Double) row.get("lat"));
    var gk = CoordinateTransforms.fromLonLat(new LonLat(lon, lat), Crs.epsg(4549));
    double x = card.read("$.location.gaussKruger.x", Double.class);
    double y = card.read("$.location.gaussKruger.y", Double.class);
    assertThat(card.read("$.location.gaussKruger.crs", String.class)).isEqualTo("EPSG:4549");
    assertThat(x).isCloseTo(gk.x(), within(0.001));
    assertThat(y).isCloseTo(gk.y(), within(0.001));
    // east of the 120°E central meridian: 500 km false easting plus some tens of km
    assertThat(x - 500_000).isBetween(20_000.0, 100_000.0);
    assertThat(y).isBetween(3_400_000.0, 3_500_000.0);

    assertThat(card.read("$.classCode", String.class)).isEqualTo("0103");
    assertThat(card.read("$.className", String.class)).isEqualTo("雨水井盖");
    assertThat(card.read("$.gridCode", String.class)).isEqualTo(row.get("grid_code"));
    String state = (String) row.get("state");
    assertThat(card.read("$.state", String.class)).isEqualTo(state);
    assertThat(card.read("$.stateZh", String.class))
        .isEqualTo(ComponentState.valueOf(state).zhName());
    for (String role : List.of("competentDepartment", "owner", "maintenanceUnit")) {
      String id = card.read("$." + role + ".id");
      assertThat(id).as(role).startsWith("U-" + DISTRICT);
      assertThat(card.read("$." + role + ".name", String.class)).as(role).isEqualTo(unitName(id));
    }
  }

  @Test
  void aComponentLivesThroughCreateMoveAndDelete() {
    String code = "32050901029" + "00001";
    Map<String, Object> body = new HashMap<>(newComponent(code, GOV_LON, GOV_LAT));
    String govGrid = locate(GOV_LON, GOV_LAT);

    DocumentContext created =
        read(
            surveyor()
                .post()
                .uri("/api/components")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated());
    assertThat(created.read("$.code", String.class)).isEqualTo(code);
    assertThat(created.read("$.gridCode", String.class)).isEqualTo(govGrid);
    assertThat(created.read("$.state", String.class)).isEqualTo("INTACT");
    assertThat(created.read("$.dataSource", String.class)).isEqualTo("API");
    assertThat(created.read("$.history[*].change", List.class)).containsExactly("CREATED");
    assertThat(created.read("$.maintenanceUnit.name", String.class)).isEqualTo("吴江区排水管理处");
    assertThat(
            list(boxAround(GOV_LON, GOV_LAT) + "&size=10000").read("$.features[*].id", List.class))
        .contains(code);
    assertThat(count("select count(*) as n from component where code = '" + code + "'"))
        .isEqualTo(1);

    surveyor()
        .post()
        .uri("/api/components")
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(409);

    // move it onto a sample component that lies in another unit grid
    DocumentContext elsewhere = list("class=0101&size=500");
    List<Map<String, Object>> candidates = elsewhere.read("$.features");
    Map<String, Object> target =
        candidates.stream()
            .filter(f -> !govGrid.equals(JsonPath.parse(f).read("$.properties.grid")))
            .findFirst()
            .orElseThrow();
    DocumentContext t = JsonPath.parse(target);
    double lon = t.read("$.geometry.coordinates[0]", Double.class);
    double lat = t.read("$.geometry.coordinates[1]", Double.class);
    String targetGrid = t.read("$.properties.grid");
    // surveyed long ago: an edit must keep that date, in the database and in memory alike
    LocalDate surveyed = LocalDate.of(2020, 5, 1);
    db.sql("update component set or_date = :d where code = :c")
        .bind("d", surveyed)
        .bind("c", code)
        .then()
        .block();
    body.put("lon", lon);
    body.put("lat", lat);
    body.put("state", "破损");
    DocumentContext moved =
        read(
            surveyor()
                .put()
                .uri("/api/components/" + code)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk());
    assertThat(moved.read("$.gridCode", String.class)).isEqualTo(targetGrid).isNotEqualTo(govGrid);
    assertThat(moved.read("$.state", String.class)).isEqualTo("DAMAGED");
    assertThat(moved.read("$.stateZh", String.class)).isEqualTo("破损");
    assertThat(moved.read("$.history[*].change", List.class)).containsExactly("CREATED", "UPDATED");
    assertThat(moved.read("$.surveyed", String.class)).isEqualTo("2020-05-01");
    assertThat(store.snapshot().byCode(code).surveyed()).isEqualTo(surveyed);
    assertThat(store.snapshot().byCode(code).changed()).isEqualTo(LocalDate.now());
    assertThat(list("grid=" + targetGrid + "&size=10000").read("$.features[*].id", List.class))
        .contains(code);
    assertThat(list("grid=" + govGrid + "&size=10000").read("$.features[*].id", List.class))
        .doesNotContain(code);
    assertThat(
            count(
                "select count(*) as n from component where grid_code = '"
                    + targetGrid
                    + "' and code = '"
                    + code
                    + "'"))
        .isEqualTo(1);

    surveyor().delete().uri("/api/components/" + code).exchange().expectStatus().isNoContent();
    surveyor().get().uri("/api/components/" + code).exchange().expectStatus().isNotFound();
    surveyor().delete().uri("/api/components/" + code).exchange().expectStatus().isNotFound();
    surveyor()
        .put()
        .uri("/api/components/" + code)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isNotFound();
    assertThat(store.snapshot().byCode(code)).isNull();
    assertThat(list("grid=" + targetGrid + "&size=10000").read("$.features[*].id", List.class))
        .doesNotContain(code);
    assertThat(count("select count(*) as n from component where code = '" + code + "'")).isZero();
    assertThat(
            codes(
                "select change as code from component_history where component_code = '"
                    + code
                    + "' order by id"))
        .containsExactly("CREATED", "UPDATED", "DELETED");
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"code":"320509010100","lon":120.645,"lat":31.138,"competentDeptName":"水务局"}            | code
          {"code":"3205099901900001","lon":120.645,"lat":31.138,"competentDeptName":"水务局"}        | code
          {"code":"3205060101900001","lon":120.645,"lat":31.138,"competentDeptName":"水务局"}        | code
          {"code":"3205090101900001","lon":120.645,"lat":31.138}                                   | competentDeptName
          {"code":"3205090101900001","lon":120.645,"lat":31.138,"competentDeptName":"  "}         | competentDeptName
          {"code":"3205090101900001","lon":31.138,"lat":120.645,"competentDeptName":"水务局"}        | lon
          {"code":"3205090101900001","lat":31.138,"competentDeptName":"水务局"}                     | lon
          {"code":"3205090101900001","lon":120.645,"competentDeptName":"水务局"}                    | lat
          {"code":"3205090101900001","lon":120.645,"lat":31.138,"state":"坏了","competentDeptName":"水务局"} | state
          """)
  void badComponentsAreRefusedNamingTheField(String json, String field) {
    surveyor()
        .post()
        .uri("/api/components")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field);
    surveyor().get().uri("/api/components/3205090101900001").exchange().expectStatus().isNotFound();
  }

  @Test
  void reloadReadsEveryComponentFromTheDatabase() {
    int rows = count("select count(*) as n from component where district_code = '320509'");
    String someCode = codes("select code from component order by code desc limit 1").get(0);
    // the database sends the rows unsorted: move the first code's row behind the others (an
    // update writes a new row version; the sample's full pages leave it no room in place)
    String first = codes("select min(code) as code from component").get(0);
    db.sql("update component set name = name where code = :c").bind("c", first).then().block();
    assertThat(codes("select code from component limit 1")).doesNotContain(first);
    store
        .reload(DISTRICT)
        .as(StepVerifier::create)
        .assertNext(
            s -> {
              assertThat(s.rows()).hasSize(rows);
              assertThat(s.byCode(someCode)).isNotNull();
              assertThat(s.rows()).isSortedAccordingTo(Comparator.comparing(ComponentRow::code));
              assertThat(s.rows().get(0).code()).isEqualTo(first);
              assertThat(s.byCode(first)).isSameAs(s.rows().get(0));
              Set<String> distinct = new HashSet<>();
              s.rows().forEach(r -> distinct.add(r.code()));
              assertThat(distinct).hasSize(rows);
            })
        .verifyComplete();
    assertThat(store.snapshot().rows()).hasSize(rows);
    store
        .reload("320506")
        .as(StepVerifier::create)
        .assertNext(s -> assertThat(s.rows()).isEmpty())
        .verifyComplete();
    // put the district back for the other tests
    store.reload(DISTRICT).as(StepVerifier::create).expectNextCount(1).verifyComplete();
  }

  private static Map<String, Object> newComponent(String code, double lon, double lat) {
    return Map.of(
        "code", code,
        "name", "雨水井盖",
        "lon", lon,
        "lat", lat,
        "competentDeptId", "U-320509-WATERAFFAIRS",
        "competentDeptName", "吴江区水务局",
        "maintenanceUnitId", "U-320509-DRAIN",
        "maintenanceUnitName", "吴江区排水管理处");
  }

  private static String boxAround(double lon, double lat) {
    return "bbox="
        + (lon - 0.001)
        + ","
        + (lat - 0.001)
        + ","
        + (lon + 0.001)
        + ","
        + (lat + 0.001);
  }

  private String locate(double lon, double lat) {
    return read(user()
            .get()
            .uri("/api/grids/locate?lon=" + lon + "&lat=" + lat)
            .exchange()
            .expectStatus()
            .isOk())
        .read("$.unitGrid.code");
  }

  private WebTestClient user() {
    return client
        .mutate()
        .defaultHeaders(TestUsers.as(Role.DISPATCHER))
        .codecs(c -> c.defaultCodecs().maxInMemorySize(64 << 20))
        .build();
  }

  private WebTestClient surveyor() {
    return client.mutate().defaultHeaders(TestUsers.as(Role.SURVEYOR)).build();
  }

  private DocumentContext list(String query) {
    return read(user().get().uri("/api/components?" + query).exchange().expectStatus().isOk());
  }

  private DocumentContext card(String code) {
    return JsonPath.parse(cardJson(code));
  }

  private String cardJson(String code) {
    return body(user().get().uri("/api/components/" + code).exchange().expectStatus().isOk());
  }

  private static DocumentContext read(WebTestClient.ResponseSpec response) {
    return JsonPath.parse(body(response));
  }

  private static String body(WebTestClient.ResponseSpec response) {
    return response.expectBody(String.class).returnResult().getResponseBody();
  }

  private int count(String sql) {
    return db.sql(sql).map(row -> row.get("n", Long.class)).one().block().intValue();
  }

  private List<String> codes(String sql) {
    return db.sql(sql).map(row -> row.get("code", String.class)).all().collectList().block();
  }

  private String unitName(String id) {
    return db.sql("select name from unit where id = :id")
        .bind("id", id)
        .map(row -> row.get("name", String.class))
        .one()
        .block();
  }
}
