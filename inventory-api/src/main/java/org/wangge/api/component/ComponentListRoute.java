package org.wangge.api.component;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes the box query ({@link ComponentList}); the rest of {@code /api/components} is {@link
 * ComponentController}. Router functions are asked before annotated mappings, and Spring Security's
 * filter chain runs before both, so the roles and the 401/403 answers are the same for either.
 */
@Configuration(proxyBeanMethods = false)
class ComponentListRoute {

  private static final String PATH = "/api/components";

  @Bean
  RouterFunction<ServerResponse> componentList(
      ComponentStore store,
      @Qualifier("webFluxContentTypeResolver") RequestedContentTypeResolver contentTypes) {
    ComponentList list = new ComponentList(store, contentTypes);
    // an annotated GET mapping answers HEAD as well
    return RouterFunctions.route(GET(PATH).or(HEAD(PATH)), list::handle);
  }
}
