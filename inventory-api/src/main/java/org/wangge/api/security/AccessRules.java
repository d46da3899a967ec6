package org.wangge.api.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what: rules tried in order, the first whose method and path match decides; a request
 * no rule matches needs a login. The same decisions as Spring Security's {@code
 * authorizeExchange()} with {@code pathMatchers(…).hasAnyRole(…)}, {@code permitAll()} and {@code
 * anyExchange().authenticated()} (a role needs an authenticated login holding {@code ROLE_…}), but
 * matched in one loop: the DSL's delegating manager runs a {@code Flux.concatMap} over the rules, a
 * {@code Mono} per matcher and per role check, and its {@code OrServerWebExchangeMatcher} formats a
 * debug message on every request whatever the log level (commons-logging 1.3's SLF4J bridge turns
 * the message into a string before it asks the level) — together ~7 % of the CPU of a box query.
 *
 * <p>Paths are matched as {@code ServerWebExchangeMatchers.pathMatchers} does, with Spring's
 * default {@link PathPatternParser} on the path within the application. Immutable and thread-safe.
 */
final class AccessRules implements ReactiveAuthorizationManager<ServerWebExchange> {

  private static final AuthorizationResult GRANT = new AuthorizationDecision(true);
  private static final AuthorizationResult DENY = new AuthorizationDecision(false);
  private static final Mono<AuthorizationResult> GRANTED = Mono.just(GRANT);
  private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  /** Whom a rule lets through: everyone, any login, or logins holding one of the authorities. */
  private record Access(boolean everyone, Set<String> authorities) {

    static final Access AUTHENTICATED = new Access(false, null);

    Mono<AuthorizationResult> decide(Mono<Authentication> authentication) {
      if (everyone) {
        return GRANTED;
      }
      return authentication.map(a -> allows(a) ? GRANT : DENY).defaultIfEmpty(DENY);
    }

    boolean allows(Authentication a) {
      if (authorities == null) {
        return !TRUST.isAnonymous(a) && a.isAuthenticated();
      }
      if (!a.isAuthenticated()) {
        return false;
      }
      for (GrantedAuthority granted : a.getAuthorities()) {
        if (granted.getAuthority() != null && authorities.contains(granted.getAuthority())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Methods empty: any method. */
  private record Rule(Set<HttpMethod> methods, List<PathPattern> patterns, Access access) {

    boolean matches(HttpMethod method, PathContainer path) {
      if (!methods.isEmpty() && !methods.contains(method)) {
        return false;
      }
      for (PathPattern pattern : patterns) {
        if (pattern.matches(path)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Rule[] rules;

  private AccessRules(List<Rule> rules) {
    this.rules = rules.toArray(Rule[]::new);
  }

  /** The service's rules: reference data for every role, writes by role, the rest by login. */
  static AccessRules api() {
    return builder()
        // reference data: every role reads. First, because the map's box queries are most of the
        // traffic; the public paths below do not overlap it, so the order changes no answer
        .reads("/api/units/**", "/api/grids/**", "/api/components/**")
        .roles(Role.values())
        .any("/", "/index.html", "/health", "/favicon.ico")
        .permitAll()
        .any("/api/units/**", "/api/users/**")
        .roles(Role.ADMIN)
        // devices: dispatchers and planners read, admins register
        .reads("/api/devices/**")
        .roles(Role.ADMIN, Role.DISPATCHER, Role.PLANNER)
        .any("/api/devices/**")
        .roles(Role.ADMIN)
        .any("/api/ingest/**")
        .roles(Role.ADMIN, Role.DISPATCHER)
        // cases and inboxes: a unit handler is limited to its unit by the controller
        .reads("/api/cases/**", "/api/inbox/**")
        .roles(Role.ADMIN, Role.DISPATCHER, Role.PLANNER, Role.UNIT_HANDLER)
        .method(HttpMethod.POST, "/api/grid-sets/*/activate")
        .roles(Role.ADMIN)
        .any("/api/grid-sets/**", "/api/imports/**", "/api/components/**")
        .roles(Role.ADMIN, Role.SURVEYOR)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public Mono<AuthorizationResult> authorize(
      Mono<Authentication> authentication, ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    PathContainer path = request.getPath().pathWithinApplication();
    HttpMethod method = request.getMethod();
    for (Rule rule : rules) {
      if (rule.matches(method, path)) {
        return rule.access().decide(authentication);
      }
    }
    return Access.AUTHENTICATED.decide(authentication);
  }

  /** Rules in the order they are tried; each path group is followed by whom it lets through. */
  static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private Set<HttpMethod> methods;
    private List<PathPattern> patterns;

    /** GET and HEAD: a HEAD is a GET without its body, so whoever may read may ask for headers. */
    Builder reads(String... paths) {
      return match(READS, paths);
    }

    Builder method(HttpMethod method, String... paths) {
      return match(Set.of(method), paths);
    }

    Builder any(String... paths) {
      return match(Set.of(), paths);
    }

    Builder roles(Role... roles) {
      return then(
          new Access(false, Arrays.stream(roles).map(Role::authority).collect(Collectors.toSet())));
    }

    Builder permitAll() {
      return then(new Access(true, null));
    }

    AccessRules build() {
      if (patterns != null) {
        throw new IllegalStateException("paths " + patterns + " have no access rule");
      }
      return new AccessRules(rules);
    }

    private Builder match(Set<HttpMethod> methods, String... paths) {
      if (patterns != null) {
        throw new IllegalStateException("paths " + patterns + " have no access rule");
      }
      PathPatternParser parser = PathPatternParser.defaultInstance;
      this.methods = methods;
      this.patterns =
          Arrays.stream(paths).map(p -> parser.parse(parser.initFullPathPattern(p))).toList();
      return this;
    }

    private Builder then(Access access) {
      if (patterns == null) {
        throw new IllegalStateException("an access rule needs paths first");
      }
      rules.add(new Rule(methods, patterns, access));
      methods = null;
      patterns = null;
      return this;
    }
  }
}
