package org.wangge.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter;
import org.springframework.security.web.server.context.SecurityContextServerWebExchangeWebFilter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;
import reactor.core.publisher.Mono;

/**
 * Who may call what, over HTTP against the running service: every endpoint group without a login
 * (401), with a wrong password (401), and with each role (2xx or 403), all as problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class SecurityIntegrationTests {

  /** The government of the sample district 吴江区: inside a unit grid. */
  private static final double LON = 120.645157;

  private static final double LAT = 31.138677;

  private static final AtomicInteger SEQUENCE = new AtomicInteger(900_000);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired WebTestClient client;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  /** One request of an endpoint group; writes get a fresh resource so each row stands alone. */
  enum Endpoint {
    LIST_UNITS(HttpMethod.GET, 200, true),
    GET_UNIT(HttpMethod.GET, 200, true),
    CREATE_UNIT(HttpMethod.POST, 201, false),
    UPDATE_UNIT(HttpMethod.PUT, 200, false),
    DELETE_UNIT(HttpMethod.DELETE, 204, false),
    LOCATE(HttpMethod.GET, 200, true),
    LIST_GRIDS(HttpMethod.GET, 200, true),
    GET_GRID(HttpMethod.GET, 200, true),
    LIST_COMPONENTS(HttpMethod.GET, 200, true),
    NEAREST_COMPONENTS(HttpMethod.GET, 200, true),
    COMPONENT_CARD(HttpMethod.GET, 200, true),
    CREATE_COMPONENT(HttpMethod.POST, 201, false),
    UPDATE_COMPONENT(HttpMethod.PUT, 200, false),
    DELETE_COMPONENT(HttpMethod.DELETE, 204, false),
    LIST_DEVICES(HttpMethod.GET, 200, false),
    CREATE_DEVICE(HttpMethod.POST, 201, false),
    LIST_CASES(HttpMethod.GET, 200, false),
    INBOX(HttpMethod.GET, 200, false),
    DEAD_LETTERS(HttpMethod.GET, 200, false),
    INGEST_STATS(HttpMethod.GET, 200, false);

    final HttpMethod method;
    final int success;
    final boolean read;

    Endpoint(HttpMethod method, int success, boolean read) {
      this.method = method;
      this.success = success;
      this.read = read;
    }
  }

  /** Who may call the endpoints that are not open to every role. */
  private static final Map<Endpoint, Set<Role>> WRITERS =
      Map.ofEntries(
          Map.entry(Endpoint.CREATE_UNIT, EnumSet.of(Role.ADMIN)),
          Map.entry(Endpoint.UPDATE_UNIT, EnumSet.of(Role.ADMIN)),
          Map.entry(Endpoint.DELETE_UNIT, EnumSet.of(Role.ADMIN)),
          Map.entry(Endpoint.CREATE_COMPONENT, EnumSet.of(Role.ADMIN, Role.SURVEYOR)),
          Map.entry(Endpoint.UPDATE_COMPONENT, EnumSet.of(Role.ADMIN, Role.SURVEYOR)),
          Map.entry(Endpoint.DELETE_COMPONENT, EnumSet.of(Role.ADMIN, Role.SURVEYOR)),
          Map.entry(Endpoint.LIST_DEVICES, EnumSet.of(Role.ADMIN, Role.DISPATCHER, Role.PLANNER)),
          Map.entry(Endpoint.CREATE_DEVICE, EnumSet.of(Role.ADMIN)),
          Map.entry(
              Endpoint.LIST_CASES,
              EnumSet.of(Role.ADMIN, Role.DISPATCHER, Role.PLANNER, Role.UNIT_HANDLER)),
          Map.entry(
              Endpoint.INBOX,
              EnumSet.of(Role.ADMIN, Role.DISPATCHER, Role.PLANNER, Role.UNIT_HANDLER)),
          Map.entry(Endpoint.DEAD_LETTERS, EnumSet.of(Role.ADMIN, Role.DISPATCHER)),
          Map.entry(Endpoint.INGEST_STATS, EnumSet.of(Role.ADMIN, Role.DISPATCHER)));

  static Stream<Arguments> matrix() {
    return Stream.of(Endpoint.values())
        .flatMap(
            e ->
                Stream.of(Role.values())
                    .map(
                        role -> {
                          boolean allowed = e.read || WRITERS.get(e).contains(role);
                          return Arguments.of(e, role, allowed ? e.success : 403);
                        }));
  }

  @ParameterizedTest(name = "{0} as {1} → {2}")
  @MethodSource("matrix")
  void eachRoleGetsItsAnswer(Endpoint endpoint, Role role, int expected) {
    Request request = prepare(endpoint);
    var response = send(request, TestUsers.as(role)).expectStatus().isEqualTo(expected);
    if (expected == 403) {
      response
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(403)
          .jsonPath("$.title")
          .isEqualTo("Forbidden");
    }
    assertSideEffect(request, expected != 403);
  }

  /** The GET endpoints as HEAD: the same status for every role as the GET gets, and no body. */
  static Stream<Arguments> headMatrix() {
    return matrix().filter(a -> ((Endpoint) a.get()[0]).method == HttpMethod.GET);
  }

  @ParameterizedTest(name = "HEAD of {0} as {1} → {2}")
  @MethodSource("headMatrix")
  void headIsAllowedWhereGetIs(Endpoint endpoint, Role role, int expected) {
    Request request = prepare(endpoint);
    client
        .head()
        .uri(request.uri())
        .headers(TestUsers.as(role))
        .exchange()
        .expectStatus()
        .isEqualTo(expected)
        .expectBody()
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} without a login → 401")
  @EnumSource(Endpoint.class)
  void withoutLoginIsUnauthorized(Endpoint endpoint) {
    Request request = prepare(endpoint);
    send(request, h -> {})
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Basic"))
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
    assertSideEffect(request, false);
  }

  @ParameterizedTest(name = "{0} with a wrong password → 401")
  @EnumSource(Endpoint.class)
  void wrongPasswordIsUnauthorized(Endpoint endpoint) {
    Request request = prepare(endpoint);
    send(request, h -> h.setBasicAuth(TestUsers.username(Role.ADMIN), "not-the-password"))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .exists(HttpHeaders.WWW_AUTHENTICATE);
    assertSideEffect(request, false);
  }

  @Test
  void unknownUserIsUnauthorizedAndAGoodLoginStillWorksAfterwards() {
    client
        .get()
        .uri("/api/units")
        .headers(h -> h.setBasicAuth("nobody-here", TestUsers.PASSWORD))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    // a cached good login must not let the wrong password through
    client
        .get()
        .uri("/api/units")
        .headers(TestUsers.as(Role.PLANNER))
        .exchange()
        .expectStatus()
        .isOk();
    client
        .get()
        .uri("/api/units")
        .headers(h -> h.setBasicAuth(TestUsers.username(Role.PLANNER), TestUsers.PASSWORD + "x"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  /** Counts the WebSessions the application opens: a stateless API should open none. */
  @TestConfiguration
  static class SessionCounting {
    static final AtomicInteger SESSIONS = new AtomicInteger();

    @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager webSessionManager() {
      var delegate = new DefaultWebSessionManager();
      // every exchange asks for the lazy Mono; a session is looked up only when it is subscribed
      return exchange ->
          Mono.defer(
              () -> {
                SESSIONS.incrementAndGet();
                return delegate.getSession(exchange);
              });
    }
  }

  @Test
  void statelessCallsOpenNoSession() {
    int before = SessionCounting.SESSIONS.get();
    for (Role role : new Role[] {Role.ADMIN, Role.PLANNER}) {
      client
          .get()
          .uri("/api/components?bbox=120.64,31.13,120.65,31.14&size=5")
          .headers(TestUsers.as(role))
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .doesNotExist(HttpHeaders.SET_COOKIE);
    }
    client.get().uri("/api/units").exchange().expectStatus().isUnauthorized();
    client
        .get()
        .uri("/api/units")
        .headers(h -> h.setBasicAuth(TestUsers.username(Role.PLANNER), "not-the-password"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    // the default request cache of Spring Security opened one per request (and hopped threads)
    assertThat(SessionCounting.SESSIONS.get()).isEqualTo(before);
  }

  @Autowired SecurityWebFilterChain securityChain;

  /**
   * Spring Security's filters for this configuration, less the request cache's and the Reactor
   * context's (no-ops for a stateless API), with the access rules as the authorization manager.
   */
  @Test
  void theChainHasTheFiltersAStatelessApiUses() {
    List<String> filters =
        securityChain.getWebFilters().map(f -> f.getClass().getSimpleName()).collectList().block();
    assertThat(filters)
        .containsExactly(
            "ServerWebExchangeReactorContextWebFilter",
            HttpHeaderWriterWebFilter.class.getSimpleName(),
            AuthenticationWebFilter.class.getSimpleName(),
            SecurityContextServerWebExchangeWebFilter.class.getSimpleName(),
            ExceptionTranslationWebFilter.class.getSimpleName(),
            AuthorizationWebFilter.class.getSimpleName());
    var authorization =
        securityChain.getWebFilters().filter(f -> f instanceof AuthorizationWebFilter).blockLast();
    assertThat(authorization).extracting("authorizationManager").isInstanceOf(AccessRules.class);
  }

  /** The seven default security headers, the same on an answer, a 401 and a 403. */
  @Test
  void everyAnswerCarriesTheDefaultSecurityHeaders() {
    List<HttpHeaders> answers =
        List.of(
            client
                .get()
                .uri("/api/components?bbox=120.64,31.13,120.65,31.14&size=5")
                .headers(TestUsers.as(Role.PLANNER))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(byte[].class)
                .getResponseHeaders(),
            client
                .get()
                .uri("/api/units")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .returnResult(byte[].class)
                .getResponseHeaders(),
            client
                .get()
                .uri("/api/users")
                .headers(TestUsers.as(Role.PLANNER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .returnResult(byte[].class)
                .getResponseHeaders());
    for (HttpHeaders headers : answers) {
      assertThat(headers.get("Cache-Control"))
          .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
      assertThat(headers.get("Pragma")).containsExactly("no-cache");
      assertThat(headers.get("Expires")).containsExactly("0");
      assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
      assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
      assertThat(headers.get("X-XSS-Protection")).containsExactly("0");
      assertThat(headers.get("Referrer-Policy")).containsExactly("no-referrer");
      assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
    }
  }

  @Test
  void theUsersApiIsForAdminsOnly() {
    client.get().uri("/api/users").exchange().expectStatus().isUnauthorized();
    client
        .get()
        .uri("/api/users")
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  record Request(Endpoint endpoint, String uri, Object body, String resource) {}

  /** Builds the request, creating as ADMIN the unit or component a PUT/DELETE/card acts on. */
  private Request prepare(Endpoint e) {
    return switch (e) {
      case LIST_UNITS -> new Request(e, "/api/units", null, null);
      case GET_UNIT -> new Request(e, "/api/units/" + TestUsers.HANDLER_UNIT, null, null);
      case CREATE_UNIT -> {
        String id = "T-SEC-" + SEQUENCE.incrementAndGet();
        yield new Request(e, "/api/units", unit(id, "新建单位"), "/api/units/" + id);
      }
      case UPDATE_UNIT -> {
        String id = createUnit();
        yield new Request(e, "/api/units/" + id, unit(id, "改名单位"), "/api/units/" + id);
      }
      case DELETE_UNIT -> {
        String id = createUnit();
        yield new Request(e, "/api/units/" + id, null, "/api/units/" + id);
      }
      case LIST_DEVICES -> new Request(e, "/api/devices?limit=5", null, null);
      case CREATE_DEVICE -> {
        String id = "T-SEC-DEV-" + SEQUENCE.incrementAndGet();
        yield new Request(
            e, "/api/devices", Map.of("id", id, "kind", "GENERIC"), "/api/devices/" + id);
      }
      case LIST_CASES -> new Request(e, "/api/cases?limit=5", null, null);
      case INBOX -> new Request(e, "/api/inbox", null, null);
      case DEAD_LETTERS -> new Request(e, "/api/ingest/dead-letters", null, null);
      case INGEST_STATS -> new Request(e, "/api/ingest/stats", null, null);
      case LOCATE -> new Request(e, "/api/grids/locate?lon=" + LON + "&lat=" + LAT, null, null);
      case LIST_GRIDS ->
          new Request(e, "/api/grids?bbox=120.64,31.13,120.65,31.14&level=UNIT", null, null);
      case GET_GRID -> new Request(e, "/api/grids/320509", null, null);
      case LIST_COMPONENTS ->
          new Request(e, "/api/components?bbox=120.64,31.13,120.65,31.14&size=5", null, null);
      case NEAREST_COMPONENTS ->
          new Request(e, "/api/components/nearest?lon=" + LON + "&lat=" + LAT + "&k=3", null, null);
      case COMPONENT_CARD -> {
        String code = createComponent();
        yield new Request(e, "/api/components/" + code, null, null);
      }
      case CREATE_COMPONENT -> {
        String code = newComponentCode();
        yield new Request(e, "/api/components", component(code, LON), "/api/components/" + code);
      }
      case UPDATE_COMPONENT -> {
        String code = createComponent();
        yield new Request(
            e, "/api/components/" + code, component(code, LON + 0.001), "/api/components/" + code);
      }
      case DELETE_COMPONENT -> {
        String code = createComponent();
        yield new Request(e, "/api/components/" + code, null, "/api/components/" + code);
      }
    };
  }

  private WebTestClient.ResponseSpec send(Request r, Consumer<HttpHeaders> auth) {
    var spec = client.method(r.endpoint().method).uri(r.uri()).headers(auth);
    return r.body() == null ? spec.exchange() : spec.bodyValue(r.body()).exchange();
  }

  /**
   * A refused write must leave no trace, an accepted one must show: a created resource exists, an
   * updated one carries the new value, a deleted one is gone.
   */
  private void assertSideEffect(Request r, boolean accepted) {
    if (r.resource() == null) {
      return;
    }
    var get = client.get().uri(r.resource()).headers(TestUsers.as(Role.ADMIN)).exchange();
    switch (r.endpoint()) {
      case CREATE_UNIT, CREATE_COMPONENT, CREATE_DEVICE ->
          get.expectStatus().isEqualTo(accepted ? 200 : 404);
      case DELETE_UNIT, DELETE_COMPONENT -> get.expectStatus().isEqualTo(accepted ? 404 : 200);
      case UPDATE_UNIT ->
          get.expectStatus()
              .isOk()
              .expectBody()
              .jsonPath("$.name")
              .isEqualTo(accepted ? "改名单位" : "测试单位");
      case UPDATE_COMPONENT ->
          get.expectStatus()
              .isOk()
              .expectBody()
              .jsonPath("$.location.cgcs2000.lon")
              .isEqualTo(accepted ? LON + 0.001 : LON);
      default -> throw new AssertionError("no side effect to check for " + r.endpoint());
    }
  }

  private String createUnit() {
    String id = "T-SEC-" + SEQUENCE.incrementAndGet();
    client
        .post()
        .uri("/api/units")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(unit(id, "测试单位"))
        .exchange()
        .expectStatus()
        .isCreated();
    return id;
  }

  private String createComponent() {
    String code = newComponentCode();
    client
        .post()
        .uri("/api/components")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(component(code, LON))
        .exchange()
        .expectStatus()
        .isCreated();
    return code;
  }

  /** 上水井盖 (0101) with a sequence far above the sample's. */
  private static String newComponentCode() {
    return "3205090101" + SEQUENCE.incrementAndGet();
  }

  private static Map<String, Object> unit(String id, String name) {
    return Map.of("id", id, "name", name, "kind", "DEPARTMENT");
  }

  private static Map<String, Object> component(String code, double lon) {
    return Map.of(
        "code", code,
        "name", "上水井盖",
        "lon", lon,
        "lat", LAT,
        "competentDeptName", "吴江区水务局");
  }
}
