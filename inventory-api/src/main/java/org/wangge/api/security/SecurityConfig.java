package org.wangge.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call what. The API is stateless with HTTP Basic (a session-less API needs no CSRF token);
 * each endpoint group names the roles it needs, and errors are problem+json: 401 without a login,
 * 403 with the wrong role.
 */
@Configuration
class SecurityConfig {

  private static final String[] ALL_ROLES = {
    "ADMIN", "DISPATCHER", "SURVEYOR", "UNIT_HANDLER", "PLANNER"
  };

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * Checks passwords with bcrypt once per login, then from memory (see {@link VerifiedLogins}):
   * bcrypt on every stateless request would cost ~50 ms of CPU each.
   */
  @Bean
  ReactiveAuthenticationManager authenticationManager(UserAccounts users, PasswordEncoder encoder) {
    var encoderCheck = new UserDetailsRepositoryReactiveAuthenticationManager(users);
    encoderCheck.setPasswordEncoder(encoder);
    return new VerifiedLogins(encoderCheck, users, Duration.ofSeconds(30), System::nanoTime);
  }

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http, ReactiveAuthenticationManager authenticationManager) {
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        // nothing to log out of without a session; its filter matched POST /logout on every call
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        // the default request cache opens a WebSession on every request, and creating one hops to
        // boundedElastic and back to parallel: two thread switches per call for a stateless API
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .authenticationManager(authenticationManager)
        .httpBasic(
            basic ->
                basic.authenticationEntryPoint(
                    (exchange, e) ->
                        problem(
                            exchange, HttpStatus.UNAUTHORIZED, "Login required", e.getMessage())))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (exchange, e) ->
                            problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "Login required",
                                e.getMessage()))
                    .accessDeniedHandler(
                        (exchange, e) ->
                            problem(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "your role may not do this: " + e.getMessage())))
        .authorizeExchange(
            auth ->
                // reference data: every role reads. First, because the map's box queries are
                // most of the traffic and the rules are tried in order; the public paths below
                // do not overlap it, so the order changes no answer
                auth.matchers(reads("/api/units/**", "/api/grids/**", "/api/components/**"))
                    .hasAnyRole(ALL_ROLES)
                    .pathMatchers("/", "/index.html", "/health", "/favicon.ico")
                    .permitAll()
                    .pathMatchers("/api/units/**", "/api/users/**")
                    .hasRole("ADMIN")
                    // devices: dispatchers and planners read, admins register
                    .matchers(reads("/api/devices/**"))
                    .hasAnyRole("ADMIN", "DISPATCHER", "PLANNER")
                    .pathMatchers("/api/devices/**")
                    .hasRole("ADMIN")
                    .pathMatchers("/api/ingest/**")
                    .hasAnyRole("ADMIN", "DISPATCHER")
                    // cases and inboxes: a unit handler is limited to its unit by the controller
                    .matchers(reads("/api/cases/**", "/api/inbox/**"))
                    .hasAnyRole("ADMIN", "DISPATCHER", "PLANNER", "UNIT_HANDLER")
                    .pathMatchers(HttpMethod.POST, "/api/grid-sets/*/activate")
                    .hasRole("ADMIN")
                    .pathMatchers("/api/grid-sets/**", "/api/imports/**", "/api/components/**")
                    .hasAnyRole("ADMIN", "SURVEYOR")
                    .anyExchange()
                    .authenticated())
        .build();
  }

  /**
   * GET and HEAD of the paths: a HEAD is a GET without its body (WebFlux answers it through the GET
   * handler), so whoever may read may also ask for the headers. With GET alone a HEAD fell through
   * to the writers' rule of the same paths.
   */
  private static ServerWebExchangeMatcher reads(String... patterns) {
    return new OrServerWebExchangeMatcher(
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, patterns),
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, patterns));
  }

  static Mono<Void> problem(
      ServerWebExchange exchange, HttpStatus status, String title, String detail) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set("WWW-Authenticate", "Basic realm=\"wangge\"");
    }
    String body =
        "{\"type\":\"about:blank\",\"title\":\""
            + title
            + "\",\"status\":"
            + status.value()
            + ",\"detail\":\""
            + String.valueOf(detail).replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"instance\":\""
            + exchange.getRequest().getPath().value()
            + "\"}";
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
