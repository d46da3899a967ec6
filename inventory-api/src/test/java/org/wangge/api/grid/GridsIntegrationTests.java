package org.wangge.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;
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
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.index.GridLocation;
import reactor.test.StepVerifier;

/**
 * Locating points and listing grids against the demo sample district loaded into a real PostgreSQL,
 * cross-checked against the JTS reference index and the components' stored grid codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class GridsIntegrationTests {

  private static final String DISTRICT = "320509";

  /** 吴江区人民政府, CGCS2000. */
  private static final double GOV_LON = 120.645157;

  private static final double GOV_LAT = 31.138677;

  /** The same place in CGCS2000 / 3-degree Gauss-Krüger CM 120°E (EPSG:4549), metres. */
  private static final double GOV_X = 561526.506611158;

  private static final double GOV_Y = 3446528.66438117;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired WebTestClient client;
  @Autowired GridStore store;
  @Autowired DatabaseClient db;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  @Test
  void aPointInsideGetsItsUnitGridAndAncestors() {
    DocumentContext at = locate("lon=" + GOV_LON + "&lat=" + GOV_LAT);
    String unit = at.read("$.unitGrid.code");
    assertThat(at.read("$.inside", Boolean.class)).isTrue();
    assertThat(unit).hasSize(15).startsWith(DISTRICT).matches("\\d{15}");
    assertThat(at.read("$.unitGrid.level", String.class)).isEqualTo("UNIT");
    assertThat(at.read("$.ancestors[*].level", List.class))
        .containsExactly("COMMUNITY", "STREET", "DISTRICT");
    assertThat(at.read("$.ancestors[*].code", List.class))
        .containsExactly(unit.substring(0, 12), unit.substring(0, 9), DISTRICT);
    assertThat(at.read("$.responsibleUnit", String.class))
        .isEqualTo(at.read("$.unitGrid.responsibleUnit", String.class))
        .isNotBlank();
    assertThat(at.read("$", Map.class)).doesNotContainKeys("nearest", "distanceMeters");
    // the answer's geometry really covers the point
    assertThat(geometry(gridFeature(unit)).covers(point(GOV_LON, GOV_LAT))).isTrue();
  }

  @Test
  void theSamePointInGaussKrugerGivesTheSameGrid() {
    String expected = locate("lon=" + GOV_LON + "&lat=" + GOV_LAT).read("$.unitGrid.code");
    DocumentContext at = locate("crs=EPSG:4549&lon=" + GOV_X + "&lat=" + GOV_Y);
    assertThat(at.read("$.unitGrid.code", String.class)).isEqualTo(expected);
    assertThat(at.read("$.lon", Double.class)).isCloseTo(GOV_LON, within(1e-7));
    assertThat(at.read("$.lat", Double.class)).isCloseTo(GOV_LAT, within(1e-7));
  }

  @Test
  void gcj02InputIsShiftedBackBeforeLocating() {
    var gcj = CoordinateTransforms.fromLonLat(new LonLat(GOV_LON, GOV_LAT), Crs.GCJ02);
    // the offset is hundreds of metres here: taking GCJ-02 as CGCS2000 would be visibly wrong
    assertThat(Math.abs(gcj.x() - GOV_LON) + Math.abs(gcj.y() - GOV_LAT)).isGreaterThan(0.003);
    String expected = locate("lon=" + GOV_LON + "&lat=" + GOV_LAT).read("$.unitGrid.code");
    DocumentContext at = locate("crs=GCJ02&lon=" + gcj.x() + "&lat=" + gcj.y());
    assertThat(at.read("$.unitGrid.code", String.class)).isEqualTo(expected);
    assertThat(at.read("$.lon", Double.class)).isCloseTo(GOV_LON, within(1e-5));
    assertThat(at.read("$.lat", Double.class)).isCloseTo(GOV_LAT, within(1e-5));
  }

  @Test
  void aPointOutsideTheDistrictGetsTheNearestGrid() {
    // 苏州站, in 姑苏区 north of 吴江
    DocumentContext at = locate("lon=120.6106&lat=31.3262");
    assertThat(at.read("$.inside", Boolean.class)).isFalse();
    assertThat(at.read("$.unitGrid", Object.class)).isNull();
    assertThat(at.read("$.ancestors", List.class)).isEmpty();
    assertThat(at.read("$.responsibleUnit", Object.class)).isNull();
    String nearest = at.read("$.nearest.code");
    assertThat(nearest).startsWith(DISTRICT).hasSize(15);
    double distance = at.read("$.distanceMeters", Double.class);
    assertThat(distance).isGreaterThan(0);
    // the nearest grid is no farther than the distance reported, and no unit grid is nearer
    GridLocation oracle = GridIndex.buildJtsBaseline(store.allGrids()).locate(120.6106, 31.3262);
    assertThat(nearest).isEqualTo(oracle.nearest().code().digits());
    assertThat(distance).isCloseTo(oracle.distanceMeters(), within(0.1));
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          lon=120.6&lat=abc                       | lat
          lon=east&lat=31.1                       | lon
          lat=31.1                                | lon
          lon=31.138677&lat=120.645157            | lat
          lon=200&lat=31.1                        | lon
          lon=120.6&lat=31.1&crs=EPSG:99999       | crs
          lon=120.6&lat=31.1&crs=Mars2000         | crs
          lon=120.6&lat=31.1&crs=EPSG:4214        | crs
          lon=1e12&lat=3446528&crs=EPSG:4549      | lon
          """)
  void badLocateParametersAreRefusedNamingTheField(String query, String field) {
    user()
        .get()
        .uri("/api/grids/locate?" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field);
  }

  /** The service's fast index agrees with the JTS reference built from the same database rows. */
  @Test
  void twoHundredRandomPointsLocateAsTheReferenceIndexBuiltFromTheDatabase() {
    List<Grid> grids = new ArrayList<>();
    store
        .load(store.active().gridSetId())
        .as(StepVerifier::create)
        .assertNext(grids::addAll)
        .verifyComplete();
    assertThat(grids).hasSize(store.allGrids().size());
    GridIndex oracle = GridIndex.buildJtsBaseline(grids);
    Envelope district =
        grids.stream()
            .filter(g -> g.level() == GridLevel.DISTRICT)
            .findFirst()
            .orElseThrow()
            .geometry()
            .getEnvelopeInternal();
    Random random = new Random(320509);
    int inside = 0;
    for (int i = 0; i < 200; i++) {
      double lon = district.getMinX() + random.nextDouble() * district.getWidth();
      double lat = district.getMinY() + random.nextDouble() * district.getHeight();
      GridLocation expected = oracle.locate(lon, lat);
      DocumentContext at = locate("lon=" + lon + "&lat=" + lat);
      assertThat(at.read("$.inside", Boolean.class))
          .as("inside at %s,%s", lon, lat)
          .isEqualTo(expected.isInside());
      if (expected.isInside()) {
        inside++;
        assertThat(at.read("$.unitGrid.code", String.class))
            .as("unit grid at %s,%s", lon, lat)
            .isEqualTo(expected.unitGrid().code().digits());
      } else {
        assertThat(at.read("$.nearest.code", String.class))
            .isEqualTo(expected.nearest().code().digits());
      }
    }
    // both answers are exercised: inside a unit grid, and outside with the nearest one
    assertThat(inside).as("points that fell inside the district").isBetween(50, 150);
  }

  /** Each component's stored grid code is where locate puts its own position. */
  @Test
  void twoHundredRandomComponentsLocateToTheirStoredGridCode() {
    DocumentContext list =
        read(
            user()
                .get()
                .uri("/api/components?bbox=119,30,122,32&size=10000")
                .exchange()
                .expectStatus()
                .isOk());
    List<Map<String, Object>> features = list.read("$.features");
    assertThat(features).hasSize(10_000);
    Random random = new Random(47678);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> f = features.get(random.nextInt(features.size()));
      DocumentContext c = JsonPath.parse(f);
      double lon = c.read("$.geometry.coordinates[0]", Double.class);
      double lat = c.read("$.geometry.coordinates[1]", Double.class);
      String stored = c.read("$.properties.grid");
      assertThat(stored).as("grid of %s", f.get("id")).isNotNull();
      assertThat(locate("lon=" + lon + "&lat=" + lat).read("$.unitGrid.code", String.class))
          .as("component %s at %s,%s", f.get("id"), lon, lat)
          .isEqualTo(stored);
    }
  }

  @Test
  void reloadSwapsInTheActiveSetFromTheDatabase() {
    long activeId =
        db.sql("select id from grid_set where district_code = :d and status = 'ACTIVE'")
            .bind("d", DISTRICT)
            .map(row -> row.get("id", Long.class))
            .one()
            .block();
    long unitGrids =
        db.sql("select count(*) as n from grid where grid_set_id = :id and level = 'UNIT'")
            .bind("id", activeId)
            .map(row -> row.get("n", Long.class))
            .one()
            .block();
    GridStore.Active before = store.active();
    store
        .reload(DISTRICT)
        .as(StepVerifier::create)
        .assertNext(
            a -> {
              assertThat(a.gridSetId()).isEqualTo(activeId);
              assertThat(a.version()).isEqualTo(1);
              assertThat(a.index().unitGrids()).hasSize((int) unitGrids).hasSize(2000);
            })
        .verifyComplete();
    assertThat(store.active()).isNotSameAs(before);
    // a district without an active set: nothing is emitted and the active set stays
    GridStore.Active current = store.active();
    store.reload("320506").as(StepVerifier::create).verifyComplete();
    assertThat(store.active()).isSameAs(current);
  }

  @Test
  void gridsByParentAreTheCommunitysUnitGrids() {
    String unit = locate("lon=" + GOV_LON + "&lat=" + GOV_LAT).read("$.unitGrid.code");
    String community = unit.substring(0, 12);
    DocumentContext page = grids("parent=" + community);
    List<String> codes = page.read("$.features[*].properties.code");
    assertThat(codes).contains(unit).allMatch(c -> c.length() == 15 && c.startsWith(community));
    assertThat(page.read("$.features[*].properties.parent", List.class)).containsOnly(community);
    assertThat(page.read("$.features[*].properties.level", List.class)).containsOnly("UNIT");
    assertThat(page.read("$.numberReturned", Integer.class)).isEqualTo(codes.size());
    assertThat(codes)
        .hasSize(count("select count(*) as n from grid where parent_code = '" + community + "'"));
  }

  @Test
  void gridsByBoxAndLevelAreThoseWhoseEnvelopeMeetsTheBox() {
    double minLon = 120.62;
    double minLat = 31.12;
    double maxLon = 120.66;
    double maxLat = 31.15;
    Envelope box = new Envelope(minLon, maxLon, minLat, maxLat);
    DocumentContext page =
        grids("bbox=" + minLon + "," + minLat + "," + maxLon + "," + maxLat + "&level=UNIT");
    List<Map<String, Object>> features = page.read("$.features");
    assertThat(features).isNotEmpty();
    for (Map<String, Object> f : features) {
      Geometry g = geometry(JsonPath.parse(f));
      assertThat(g.getEnvelopeInternal().intersects(box)).as("grid %s", f.get("id")).isTrue();
      assertThat(JsonPath.parse(f).read("$.properties.level", String.class)).isEqualTo("UNIT");
    }
    int expected =
        count(
            "select count(*) as n from grid where level = 'UNIT' and min_lon <= "
                + maxLon
                + " and max_lon >= "
                + minLon
                + " and min_lat <= "
                + maxLat
                + " and max_lat >= "
                + minLat);
    assertThat(features).hasSize(expected);
    // streets in the same box: a different level gives different grids
    assertThat(
            grids("bbox=" + minLon + "," + minLat + "," + maxLon + "," + maxLat + "&level=street")
                .read("$.features[*].properties.level", List.class))
        .isNotEmpty()
        .containsOnly("STREET");
  }

  @Test
  void aGridByCodeIsAGeoJsonFeature() {
    String unit = locate("lon=" + GOV_LON + "&lat=" + GOV_LAT).read("$.unitGrid.code");
    DocumentContext f = gridFeature(unit);
    assertThat(f.read("$.type", String.class)).isEqualTo("Feature");
    assertThat(f.read("$.id", String.class)).isEqualTo(unit);
    assertThat(f.read("$.properties.parent", String.class)).isEqualTo(unit.substring(0, 12));
    assertThat(f.read("$.geometry.type", String.class)).isIn("Polygon", "MultiPolygon");
    Geometry g = geometry(f);
    assertThat(g.isValid()).isTrue();
    assertThat(g.getArea()).isPositive();

    DocumentContext district = gridFeature(DISTRICT);
    assertThat(district.read("$.properties.level", String.class)).isEqualTo("DISTRICT");
    assertThat(district.read("$.properties.parent", Object.class)).isNull();
    assertThat(geometry(district).covers(g.getInteriorPoint())).isTrue();

    user().get().uri("/api/grids/320509999999999").exchange().expectStatus().isNotFound();
    user()
        .get()
        .uri("/api/grids/32050900100")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("code");
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bbox=120.6,31.1,120.7                  | bbox
          bbox=120.7,31.1,120.6,31.2             | bbox
          bbox=a,b,c,d                           | bbox
          bbox=120.6,31.1,120.7,95               | bbox
          level=UNIT                             | bbox
          bbox=120.6,31.1,120.7,31.2&level=CITY  | level
          parent=12345                           | parent
          bbox=120.6,31.1,120.7,31.2&limit=0     | limit
          """)
  void badGridQueriesAreRefusedNamingTheField(String query, String field) {
    user()
        .get()
        .uri("/api/grids?" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field);
  }

  private WebTestClient user() {
    return client
        .mutate()
        .defaultHeaders(TestUsers.as(Role.PLANNER))
        .codecs(c -> c.defaultCodecs().maxInMemorySize(64 << 20))
        .build();
  }

  private DocumentContext locate(String query) {
    return read(user().get().uri("/api/grids/locate?" + query).exchange().expectStatus().isOk());
  }

  private DocumentContext grids(String query) {
    return read(user().get().uri("/api/grids?" + query).exchange().expectStatus().isOk());
  }

  private DocumentContext gridFeature(String code) {
    return read(user().get().uri("/api/grids/" + code).exchange().expectStatus().isOk());
  }

  private static DocumentContext read(WebTestClient.ResponseSpec response) {
    String body = response.expectBody(String.class).returnResult().getResponseBody();
    return JsonPath.parse(body);
  }

  private static Geometry geometry(DocumentContext feature) {
    try {
      Map<String, Object> g = feature.read("$.geometry");
      return new GeoJsonReader().read(JsonPath.parse(g).jsonString());
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static Geometry point(double lon, double lat) {
    return new GeometryFactory().createPoint(new Coordinate(lon, lat));
  }

  private int count(String sql) {
    return db.sql(sql).map(row -> row.get("n", Long.class)).one().block().intValue();
  }
}
