package org.wangge.api.security;

import java.util.List;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginEmbedderPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.FeaturePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.PermissionsPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's default response headers, written by the same twelve writers in the same order
 * as {@code ServerHttpSecurity.headers()} with its defaults, but called in a loop: every default
 * writer does its work when called and answers {@code Mono.empty()}, which Spring's composite still
 * pushes through a {@code Flux.concatMap} per response. A writer that answers anything else is
 * subscribed, and the writers after it run only once it completes, as in the composite.
 *
 * <p>Thread-safe (the writers are).
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

  private static final Mono<Void> DONE = Mono.empty();

  private final ServerHttpHeadersWriter[] writers;

  SecurityHeaders(List<ServerHttpHeadersWriter> writers) {
    this.writers = writers.toArray(ServerHttpHeadersWriter[]::new);
  }

  /** The writers and order of {@code ServerHttpSecurity.HeaderSpec} (Spring Security 7.1). */
  static SecurityHeaders defaults() {
    return new SecurityHeaders(
        List.of(
            new CacheControlServerHttpHeadersWriter(),
            new ContentTypeOptionsServerHttpHeadersWriter(),
            new StrictTransportSecurityServerHttpHeadersWriter(),
            new XFrameOptionsServerHttpHeadersWriter(),
            new XXssProtectionServerHttpHeadersWriter(),
            new FeaturePolicyServerHttpHeadersWriter(),
            new PermissionsPolicyServerHttpHeadersWriter(),
            new ContentSecurityPolicyServerHttpHeadersWriter(),
            new ReferrerPolicyServerHttpHeadersWriter(),
            new CrossOriginOpenerPolicyServerHttpHeadersWriter(),
            new CrossOriginEmbedderPolicyServerHttpHeadersWriter(),
            new CrossOriginResourcePolicyServerHttpHeadersWriter()));
  }

  @Override
  public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
    return writeFrom(0, exchange);
  }

  private Mono<Void> writeFrom(int first, ServerWebExchange exchange) {
    for (int i = first; i < writers.length; i++) {
      Mono<Void> written = writers[i].writeHttpHeaders(exchange);
      if (written != DONE) {
        int next = i + 1;
        return written.then(Mono.defer(() -> writeFrom(next, exchange)));
      }
    }
    return DONE;
  }
}
