package org.wangge.api.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/** The device registry over HTTP against a real PostgreSQL holding the demo district. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class DevicesIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired WebTestClient client;
  @Autowired DatabaseClient db;
  @Autowired DeviceRegistry registry;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  private String component(int nth) {
    return (String)
        db.sql("select code from component order by code offset :n limit 1")
            .bind("n", nth)
            .fetch()
            .one()
            .block()
            .get("code");
  }

  @Test
  void aRegisteredDeviceGetsItsSecretOnceAndAuthenticatesWithIt() {
    String component = component(0);
    Map<?, ?> created =
        client
            .post()
            .uri("/api/devices")
            .headers(TestUsers.as(Role.ADMIN))
            .bodyValue(Map.of("id", "T-DEV-1", "kind", "cover_tilt", "componentCode", component))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String secret = (String) created.get("secret");
    assertThat(secret).hasSize(32);
    assertThat(created.get("kind")).isEqualTo("COVER_TILT");
    assertThat(registry.authenticate("T-DEV-1", secret.getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(
            registry.authenticate("T-DEV-1", "wrong-secret-000".getBytes(StandardCharsets.UTF_8)))
        .isFalse();

    // the stored secret is hashed, and a GET never shows it
    String stored =
        (String)
            db.sql("select secret_hash from device where id = 'T-DEV-1'")
                .fetch()
                .one()
                .block()
                .get("secret_hash");
    assertThat(stored).startsWith("sha256$").doesNotContain(secret);
    client
        .get()
        .uri("/api/devices/T-DEV-1")
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.secret")
        .doesNotExist();

    // disabling it: the registry stops accepting it at once
    client
        .put()
        .uri("/api/devices/T-DEV-1")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(Map.of("kind", "COVER_TILT", "componentCode", component, "status", "DISABLED"))
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(registry.authenticate("T-DEV-1", secret.getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(registry.byId("T-DEV-1").orElseThrow().enabled()).isFalse();

    client
        .post()
        .uri("/api/devices")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(Map.of("id", "T-DEV-1", "kind", "COVER_TILT"))
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void badFieldsAreNamed() {
    client
        .post()
        .uri("/api/devices")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(Map.of("id", "T-DEV-BAD", "kind", "TOASTER"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("kind");
    client
        .post()
        .uri("/api/devices")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(Map.of("id", "T-DEV-BAD", "kind", "GENERIC", "componentCode", "99999"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("componentCode");
    client
        .post()
        .uri("/api/devices")
        .headers(TestUsers.as(Role.DISPATCHER))
        .bodyValue(Map.of("id", "T-DEV-X", "kind", "GENERIC"))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aCsvImportLandsTheGoodRowsAndNamesTheBadOnes() {
    String csv =
        "id,kind,component_code,secret,dev_eui,name\n"
            + "T-CSV-1,COVER_TILT,"
            + component(1)
            + ",0123456789abcdef0123,,井盖1\n"
            + "T-CSV-2,LAMP_CONTROLLER,,,A84041000181C71B,\"lamp, east\"\n"
            + "T-CSV-3,TOASTER,,,,\n"
            + "T-CSV-4,GENERIC,,short,,\n"
            + "T-CSV-1,GENERIC,,,,\n";
    client
        .post()
        .uri("/api/devices/import")
        .headers(TestUsers.as(Role.ADMIN))
        .contentType(MediaType.parseMediaType("text/csv"))
        .bodyValue(csv.getBytes(StandardCharsets.UTF_8))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.inserted")
        .isEqualTo(2)
        .jsonPath("$.rejected.length()")
        .isEqualTo(3)
        .jsonPath("$.rejected[0].row")
        .isEqualTo(3)
        .jsonPath("$.rejected[0].field")
        .isEqualTo("kind")
        .jsonPath("$.rejected[1].field")
        .isEqualTo("secret")
        .jsonPath("$.rejected[2].reason")
        .value(r -> assertThat((String) r).contains("given twice"))
        .jsonPath("$.secrets['T-CSV-2']")
        .isNotEmpty();
    assertThat(registry.byDevEui("a84041000181c71b").orElseThrow().id()).isEqualTo("T-CSV-2");
    assertThat(
            registry.authenticate(
                "T-CSV-1", "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    client
        .get()
        .uri("/api/devices/T-CSV-2")
        .headers(TestUsers.as(Role.PLANNER))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("lamp, east");
  }
}
