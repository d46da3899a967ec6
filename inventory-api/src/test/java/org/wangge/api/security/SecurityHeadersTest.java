package org.wangge.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * {@link SecurityHeaders#defaults()} writes byte for byte the headers of Spring Security's default
 * header filter — the one {@code ServerHttpSecurity} builds when {@code headers()} is left alone —
 * for every status and secure/plain request, and leaves alone what the handler set, as that filter
 * does.
 */
class SecurityHeadersTest {

  private static final List<HttpStatusCode> STATUSES =
      List.of(
          HttpStatus.OK,
          HttpStatus.CREATED,
          HttpStatus.NO_CONTENT,
          HttpStatus.NOT_MODIFIED,
          HttpStatus.BAD_REQUEST,
          HttpStatus.UNAUTHORIZED,
          HttpStatus.FORBIDDEN,
          HttpStatus.NOT_FOUND,
          HttpStatus.INTERNAL_SERVER_ERROR);

  /** Headers a handler may have set before the writers run (each alone, then some together). */
  private static final List<Map<String, String>> PRESET =
      List.of(
          Map.of(),
          Map.of("Cache-Control", "max-age=3600"),
          Map.of("cache-control", "public"),
          Map.of("Expires", "Thu, 01 Jan 2099 00:00:00 GMT"),
          Map.of("Pragma", "x"),
          Map.of("X-Frame-Options", "SAMEORIGIN"),
          Map.of("X-Content-Type-Options", "other"),
          Map.of("X-XSS-Protection", "1"),
          Map.of("Referrer-Policy", "origin"),
          Map.of("Strict-Transport-Security", "max-age=1"),
          Map.of("Content-Type", "application/json", "Content-Length", "12"),
          Map.of("Cache-Control", "no-cache", "x-frame-options", "DENY", "Referrer-Policy", "x"));

  private static WebFilter springDefault() {
    List<WebFilter> filters =
        ServerHttpSecurity.http().build().getWebFilters().collectList().block();
    return filters.stream()
        .filter(f -> f instanceof HttpHeaderWriterWebFilter)
        .findFirst()
        .orElseThrow();
  }

  /** The response headers, in order, after the filter and a handler that sets status and preset. */
  private static List<String> headers(
      WebFilter filter, String url, HttpStatusCode status, Map<String, String> preset) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url).build());
    filter
        .filter(
            exchange,
            ex -> {
              ex.getResponse().setStatusCode(status);
              preset.forEach(ex.getResponse().getHeaders()::set);
              return ex.getResponse().setComplete();
            })
        .block();
    List<String> lines = new ArrayList<>();
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.forEach((name, values) -> lines.add(name + ": " + values));
    return lines;
  }

  @Test
  void theSameHeadersAsSpringsDefaultFilterInEveryCase() {
    WebFilter spring = springDefault();
    WebFilter ours = new HttpHeaderWriterWebFilter(SecurityHeaders.defaults());
    int cases = 0;
    for (String url : List.of("http://localhost/api/components", "https://example.org/api/units")) {
      for (HttpStatusCode status : STATUSES) {
        for (Map<String, String> preset : PRESET) {
          assertThat(headers(ours, url, status, preset))
              .as("%s %s %s", url, status, preset)
              .containsExactlyElementsOf(headers(spring, url, status, preset));
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(2 * STATUSES.size() * PRESET.size());
  }

  @Test
  void aPlainOkResponseGetsTheSevenDefaultHeaders() {
    assertThat(
            headers(
                new HttpHeaderWriterWebFilter(SecurityHeaders.defaults()),
                "http://localhost/api/components",
                HttpStatus.OK,
                Map.of()))
        .containsExactly(
            "Cache-Control: [no-cache, no-store, max-age=0, must-revalidate]",
            "Pragma: [no-cache]",
            "Expires: [0]",
            "X-Content-Type-Options: [nosniff]",
            "X-Frame-Options: [DENY]",
            "X-XSS-Protection: [0]",
            "Referrer-Policy: [no-referrer]");
  }

  @Test
  void aWriterThatWorksWhenSubscribedHoldsBackTheOnesAfterIt() {
    List<String> order = new ArrayList<>();
    AtomicInteger subscribed = new AtomicInteger();
    Consumer<String> log = order::add;
    ServerHttpHeadersWriter first = ex -> Mono.fromRunnable(() -> log.accept("first"));
    ServerHttpHeadersWriter lazy =
        ex ->
            Mono.fromRunnable(
                () -> {
                  subscribed.incrementAndGet();
                  log.accept("lazy");
                });
    ServerHttpHeadersWriter eager =
        ex -> {
          log.accept("eager");
          return Mono.empty();
        };
    var writer = new SecurityHeaders(List.of(eager, lazy, eager, first));
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/").build());
    Mono<Void> written = writer.writeHttpHeaders(exchange);
    // called up to the first writer with work left for the subscription, no further
    assertThat(order).containsExactly("eager");
    written.block();
    assertThat(order).containsExactly("eager", "lazy", "eager", "first");
    assertThat(subscribed).hasValue(1);
  }
}
