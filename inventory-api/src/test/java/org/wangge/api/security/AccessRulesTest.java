package org.wangge.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.DelegatingReactiveAuthorizationManager;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcherEntry;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@link AccessRules#api()} decides as Spring Security's {@code authorizeExchange()} DSL did with
 * the service's rules before (the oracle below is what that DSL builds: a delegating manager over
 * path matchers, role managers, {@code permitAll} and {@code anyExchange().authenticated()}), for
 * every method × path × login of a matrix that includes the edges of each pattern.
 */
class AccessRulesTest {

  private static final String[] ALL_ROLES = {
    "ADMIN", "DISPATCHER", "SURVEYOR", "UNIT_HANDLER", "PLANNER"
  };

  private static final List<HttpMethod> METHODS =
      List.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.PATCH,
          HttpMethod.OPTIONS,
          HttpMethod.TRACE);

  private static final List<String> PATHS =
      List.of(
          "/",
          "/index.html",
          "/health",
          "/favicon.ico",
          "/app.js",
          "/api",
          "/api/",
          "/api/units",
          "/api/units/",
          "/api/units/U-1",
          "/api/units/U-1/members",
          "/api/unitsX",
          "/api/users",
          "/api/users/admin",
          "/api/grids",
          "/api/grids/locate",
          "/api/grids/320509",
          "/api/components",
          "/api/components/",
          "/api/components/nearest",
          "/api/components/3205090101000001",
          "/api/components/3205090101000001/history",
          "/api/componentsX",
          "/api/devices",
          "/api/devices/D-1",
          "/api/ingest/stats",
          "/api/ingest/dead-letters",
          "/api/cases",
          "/api/cases/C-1/claim",
          "/api/inbox",
          "/api/inbox/stream",
          "/api/grid-sets",
          "/api/grid-sets/3",
          "/api/grid-sets/3/activate",
          "/api/grid-sets/3/activate/",
          "/api/grid-sets/3/4/activate",
          "/api/imports",
          "/api/imports/9/report",
          "/API/units",
          "/api//units",
          "/api/units/%2e%2e/users",
          "/logout",
          "/login");

  /** What the DSL of SecurityConfig built before AccessRules, entry for entry. */
  private static ReactiveAuthorizationManager<ServerWebExchange> dslOracle() {
    List<ServerWebExchangeMatcherEntry<ReactiveAuthorizationManager<AuthorizationContext>>> rules =
        new ArrayList<>();
    rules.add(
        entry(
            reads("/api/units/**", "/api/grids/**", "/api/components/**"),
            AuthorityReactiveAuthorizationManager.hasAnyRole(ALL_ROLES)));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers("/", "/index.html", "/health", "/favicon.ico"),
            (a, c) -> Mono.<AuthorizationResult>just(new AuthorizationDecision(true))));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers("/api/units/**", "/api/users/**"),
            AuthorityReactiveAuthorizationManager.hasRole("ADMIN")));
    rules.add(
        entry(
            reads("/api/devices/**"),
            AuthorityReactiveAuthorizationManager.hasAnyRole("ADMIN", "DISPATCHER", "PLANNER")));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers("/api/devices/**"),
            AuthorityReactiveAuthorizationManager.hasRole("ADMIN")));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers("/api/ingest/**"),
            AuthorityReactiveAuthorizationManager.hasAnyRole("ADMIN", "DISPATCHER")));
    rules.add(
        entry(
            reads("/api/cases/**", "/api/inbox/**"),
            AuthorityReactiveAuthorizationManager.hasAnyRole(
                "ADMIN", "DISPATCHER", "PLANNER", "UNIT_HANDLER")));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/grid-sets/*/activate"),
            AuthorityReactiveAuthorizationManager.hasRole("ADMIN")));
    rules.add(
        entry(
            ServerWebExchangeMatchers.pathMatchers(
                "/api/grid-sets/**", "/api/imports/**", "/api/components/**"),
            AuthorityReactiveAuthorizationManager.hasAnyRole("ADMIN", "SURVEYOR")));
    rules.add(
        entry(
            ServerWebExchangeMatchers.anyExchange(),
            AuthenticatedReactiveAuthorizationManager.authenticated()));
    var builder = DelegatingReactiveAuthorizationManager.builder();
    rules.forEach(builder::add);
    return builder.build();
  }

  private static ServerWebExchangeMatcher reads(String... patterns) {
    return new OrServerWebExchangeMatcher(
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, patterns),
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, patterns));
  }

  private static ServerWebExchangeMatcherEntry<ReactiveAuthorizationManager<AuthorizationContext>>
      entry(
          ServerWebExchangeMatcher matcher, ReactiveAuthorizationManager<AuthorizationContext> m) {
    return new ServerWebExchangeMatcherEntry<>(matcher, m);
  }

  /** No login, one per role, two roles, a login without roles, unauthenticated, anonymous. */
  private static List<Authentication> logins() {
    List<Authentication> logins = new ArrayList<>();
    logins.add(null);
    for (Role role : Role.values()) {
      logins.add(login(role.authority()));
    }
    logins.add(login("ROLE_SURVEYOR", "ROLE_PLANNER"));
    logins.add(login());
    logins.add(login("ADMIN", "role_admin", "ROLE_ROOT"));
    logins.add(UsernamePasswordAuthenticationToken.unauthenticated("t-admin", "secret"));
    logins.add(
        new AnonymousAuthenticationToken(
            "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    logins.add(
        new AnonymousAuthenticationToken(
            "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
    return logins;
  }

  private static Authentication login(String... authorities) {
    return UsernamePasswordAuthenticationToken.authenticated(
        "someone", "secret", AuthorityUtils.createAuthorityList(authorities));
  }

  private static boolean granted(
      ReactiveAuthorizationManager<ServerWebExchange> manager,
      HttpMethod method,
      String path,
      Authentication login) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
    AuthorizationResult result =
        manager.authorize(login == null ? Mono.empty() : Mono.just(login), exchange).block();
    return result != null && result.isGranted();
  }

  @Test
  void decidesAsTheDslDidForEveryMethodPathAndLogin() {
    var oracle = dslOracle();
    var rules = AccessRules.api();
    int granted = 0;
    int denied = 0;
    for (HttpMethod method : METHODS) {
      for (String path : PATHS) {
        for (Authentication login : logins()) {
          boolean expected = granted(oracle, method, path, login);
          assertThat(granted(rules, method, path, login))
              .as("%s %s as %s", method, path, login == null ? "nobody" : login.getAuthorities())
              .isEqualTo(expected);
          if (expected) {
            granted++;
          } else {
            denied++;
          }
        }
      }
    }
    // the matrix exercises both answers broadly, not one of them
    assertThat(granted).isGreaterThan(500);
    assertThat(denied).isGreaterThan(500);
  }

  @Test
  void theHotPathAndItsNeighbours() {
    var rules = AccessRules.api();
    Authentication planner = login(Role.PLANNER.authority());
    assertThat(granted(rules, HttpMethod.GET, "/api/components", planner)).isTrue();
    assertThat(granted(rules, HttpMethod.HEAD, "/api/components", planner)).isTrue();
    assertThat(granted(rules, HttpMethod.POST, "/api/components", planner)).isFalse();
    assertThat(granted(rules, HttpMethod.GET, "/api/components", null)).isFalse();
    assertThat(granted(rules, HttpMethod.GET, "/health", null)).isTrue();
    assertThat(granted(rules, HttpMethod.POST, "/api/grid-sets/3/activate", login("ROLE_SURVEYOR")))
        .isFalse();
    assertThat(granted(rules, HttpMethod.PUT, "/api/grid-sets/3/activate", login("ROLE_SURVEYOR")))
        .isTrue();
  }

  @Test
  void pathsWithoutAnAccessRuleAreRefused() {
    assertThatThrownBy(() -> AccessRules.builder().reads("/a").any("/b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AccessRules.builder().reads("/a").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AccessRules.builder().permitAll())
        .isInstanceOf(IllegalStateException.class);
    var open = AccessRules.builder().any("/a").permitAll().build();
    assertThat(granted(open, HttpMethod.DELETE, "/a", null)).isTrue();
    assertThat(granted(open, HttpMethod.GET, "/b", null)).isFalse();
  }
}
