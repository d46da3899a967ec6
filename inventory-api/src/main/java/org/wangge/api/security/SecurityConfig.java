package org.wangge.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.ReactorContextWebFilter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Who may call what. The API is stateless with HTTP Basic (a session-less API needs no CSRF token);
 * each endpoint group names the roles it needs ({@link AccessRules}), and errors are problem+json:
 * 401 without a login, 403 with the wrong role.
 */
@Configuration
class SecurityConfig {

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
    SecurityWebFilterChain built =
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            // nothing to log out of without a session; its filter matched POST /logout on
            // every call
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            // the default request cache opens a WebSession on every request, and creating one
            // hops to boundedElastic and back to parallel: two thread switches per call for a
            // stateless API
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .authenticationManager(authenticationManager)
            .httpBasic(
                basic ->
                    basic.authenticationEntryPoint(
                        (exchange, e) ->
                            problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "Login required",
                                e.getMessage())))
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
            // the rules themselves are AccessRules; the DSL's matcher is replaced below
            .authorizeExchange(auth -> auth.anyExchange().authenticated())
            // the same default headers, written without a Flux per response (SecurityHeaders)
            .headers(ServerHttpSecurity.HeaderSpec::disable)
            .addFilterAt(
                new HttpHeaderWriterWebFilter(SecurityHeaders.defaults()),
                SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
            .build();
    return new MatcherSecurityWebFilterChain(
        ServerWebExchangeMatchers.anyExchange(), statelessFilters(built, AccessRules.api()));
  }

  /**
   * The built chain's filters, less what a stateless API does not use, with the access rules as the
   * authorization filter's manager. Dropped: the request cache's filter (with the no-op cache it
   * only asks for a saved request that cannot exist) and the filter that puts the repository's
   * security context into the Reactor context (the no-op repository has none; a login's context is
   * put there by the authentication filter, as before). Each cost a few Reactor operators per call.
   */
  static List<WebFilter> statelessFilters(SecurityWebFilterChain built, AccessRules rules) {
    List<WebFilter> filters = new ArrayList<>(built.getWebFilters().collectList().block());
    filters.removeIf(
        f -> f instanceof ServerRequestCacheWebFilter || f instanceof ReactorContextWebFilter);
    // fail the start rather than serve with the DSL's stand-in rule (any login may do anything)
    if (filters.stream().filter(AuthorizationWebFilter.class::isInstance).count() != 1) {
      throw new IllegalStateException(
          "expected one AuthorizationWebFilter in the built chain, found: " + filters);
    }
    filters.replaceAll(
        f -> f instanceof AuthorizationWebFilter ? new AuthorizationWebFilter(rules) : f);
    return List.copyOf(filters);
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
