package org.wangge.api.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
import reactor.test.StepVerifier;

/** Units end to end as ADMIN: create, read, update, delete, and the errors on the way. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class UnitsIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired WebTestClient client;
  @Autowired DatabaseClient db;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  @Test
  void aUnitLivesThroughCreateReadUpdateDelete() {
    var body = Map.of("id", "T-UNIT-1", "name", " 松陵街道环卫所 ", "kind", "MAINTENANCE");
    admin()
        .post()
        .uri("/api/units")
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo("T-UNIT-1")
        .jsonPath("$.name")
        .isEqualTo("松陵街道环卫所")
        .jsonPath("$.kind")
        .isEqualTo("MAINTENANCE");
    assertThat(districtOf("T-UNIT-1")).isEqualTo("320509");

    admin()
        .post()
        .uri("/api/units")
        .bodyValue(Map.of("id", "T-UNIT-1", "name", "另一个", "kind", "OWNER"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    admin()
        .get()
        .uri("/api/units/T-UNIT-1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("松陵街道环卫所")
        .jsonPath("$.phone")
        .doesNotExist();

    admin()
        .put()
        .uri("/api/units/T-UNIT-1")
        .bodyValue(Map.of("name", "松陵环卫所", "kind", "OWNER", "phone", "0512-63000000"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("松陵环卫所")
        .jsonPath("$.kind")
        .isEqualTo("OWNER")
        .jsonPath("$.phone")
        .isEqualTo("0512-63000000");

    admin()
        .get()
        .uri("/api/units")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.id == 'T-UNIT-1')].name")
        .isEqualTo(List.of("松陵环卫所"))
        .jsonPath("$[?(@.id == 'U-320509-DRAIN')].kind")
        .isEqualTo(List.of("OWNER"));

    admin().delete().uri("/api/units/T-UNIT-1").exchange().expectStatus().isNoContent();
    admin().get().uri("/api/units/T-UNIT-1").exchange().expectStatus().isNotFound();
    admin().delete().uri("/api/units/T-UNIT-1").exchange().expectStatus().isNotFound();
    db.sql("select count(*) as n from unit where id = 'T-UNIT-1'")
        .map(row -> row.get("n", Long.class))
        .one()
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
  }

  @Test
  void unknownUnitsAreNotFound() {
    admin()
        .get()
        .uri("/api/units/NO-SUCH-UNIT")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    admin()
        .put()
        .uri("/api/units/NO-SUCH-UNIT")
        .bodyValue(Map.of("name", "无", "kind", "OWNER"))
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"id":"T-BAD-1","name":"坏","kind":"SHOP"}         | kind
          {"id":"T-BAD-2","name":"坏"}                      | kind
          {"id":"T-BAD-3","name":" ","kind":"OWNER"}        | name
          {"id":"has space","name":"坏","kind":"OWNER"}     | id
          {"name":"坏","kind":"OWNER"}                      | id
          """)
  void badUnitsAreRefusedNamingTheField(String json, String field) {
    admin()
        .post()
        .uri("/api/units")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo(field)
        .jsonPath("$.status")
        .isEqualTo(400);
    admin().get().uri("/api/units/T-BAD-1").exchange().expectStatus().isNotFound();
  }

  @Test
  void anUpdateCannotRenameTheIdOrUseABadKind() {
    admin()
        .put()
        .uri("/api/units/U-320509-DRAIN")
        .bodyValue(Map.of("id", "U-OTHER", "name", "排水", "kind", "OWNER"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("id");
    admin()
        .put()
        .uri("/api/units/U-320509-DRAIN")
        .bodyValue(Map.of("name", "排水", "kind", "owner"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("kind");
    admin()
        .get()
        .uri("/api/units/U-320509-DRAIN")
        .exchange()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("吴江区排水管理处");
  }

  @Test
  void aUnitThatAUserBelongsToCannotBeDeleted() {
    admin()
        .delete()
        .uri("/api/units/" + TestUsers.HANDLER_UNIT)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    admin().get().uri("/api/units/" + TestUsers.HANDLER_UNIT).exchange().expectStatus().isOk();
  }

  private WebTestClient admin() {
    return client.mutate().defaultHeaders(TestUsers.as(Role.ADMIN)).build();
  }

  private String districtOf(String id) {
    return db.sql("select district_code from unit where id = :id")
        .bind("id", id)
        .map(row -> row.get("district_code", String.class))
        .one()
        .block();
  }
}
