package org.wangge.api.component;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a plain {@code GET /api/components?…} (the map's box query) by calling {@link
 * ComponentController#list} directly, after Spring Security's filter chain (order -100) has
 * authenticated and authorised it, without the annotated-handler machinery: handler lookup, eight
 * argument resolvers with their binders and conversions, and the result handling cost about as much
 * CPU as the query itself. Anything else goes down the chain unchanged: other methods and paths, an
 * {@code Accept} other than none, {@code *}{@code /*} or {@code application/json}, a parameter
 * given twice (the controller sees it comma-joined), and every request the controller refuses, so
 * that errors are answered by the controller and its advice exactly as before.
 */
@Component
class BoxQueryShortcut implements WebFilter, Ordered {

  private static final String PATH = "/api/components";
  private static final List<String> PARAMS =
      List.of("bbox", "class", "state", "unit", "grid", "page", "size");

  private final ComponentController controller;

  BoxQueryShortcut(ComponentController controller) {
    this.controller = controller;
  }

  @Override
  public int getOrder() {
    return 0;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (request.getMethod() != HttpMethod.GET
        || !PATH.equals(request.getPath().pathWithinApplication().value())) {
      return chain.filter(exchange);
    }
    String accept = request.getHeaders().getFirst(HttpHeaders.ACCEPT);
    if (accept != null && !accept.equals("*/*") && !accept.equals("application/json")) {
      return chain.filter(exchange);
    }
    MultiValueMap<String, String> query = request.getQueryParams();
    for (String name : PARAMS) {
      List<String> values = query.get(name);
      if (values != null && values.size() > 1) {
        return chain.filter(exchange);
      }
    }
    try {
      return controller.list(
          query.getFirst("bbox"),
          query.getFirst("class"),
          query.getFirst("state"),
          query.getFirst("unit"),
          query.getFirst("grid"),
          query.getFirst("page"),
          query.getFirst("size"),
          exchange.getResponse());
    } catch (RuntimeException refused) {
      return chain.filter(exchange);
    }
  }
}
