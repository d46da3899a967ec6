package org.wangge.api.web;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpRequestDecoderSpec;

/**
 * Request bodies in pieces of up to {@link #MAX_PIECE} bytes, as the socket reads them, instead of
 * Netty's 8 KiB: the 148 MB Wujiang CSV arrived in 18,883 pieces, each a file write and a request
 * for the next one through the event loop (1.5–2.7 s of CPU per upload); in 64 KiB pieces it is
 * about 2,400.
 *
 * <p>Reactor Netty's {@code httpRequestDecoder} starts every call from a fresh spec, and Spring
 * Boot's own customizer sets the decoder from {@code server.*} properties after the application's
 * {@link NettyServerCustomizer} beans: a customizer bean's chunk size is therefore reset to the
 * default. This one is added last ({@link Ordered#LOWEST_PRECEDENCE}, after Boot's factory
 * customizer) and carries the decoder's other settings over.
 */
@Component
public class RequestBodyPieces
    implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

  /** The largest body piece the HTTP/1.1 decoder hands on. */
  public static final int MAX_PIECE = 64 * 1024;

  /** The decoder's settings as they are, but for the chunk size. */
  public static final NettyServerCustomizer PIECES =
      server -> {
        HttpRequestDecoderSpec was = server.configuration().decoder();
        return server.httpRequestDecoder(
            spec ->
                spec.maxInitialLineLength(was.maxInitialLineLength())
                    .maxHeaderSize(was.maxHeaderSize())
                    .validateHeaders(was.validateHeaders())
                    .initialBufferSize(was.initialBufferSize())
                    .allowDuplicateContentLengths(was.allowDuplicateContentLengths())
                    .h2cMaxContentLength(was.h2cMaxContentLength())
                    .allowPartialChunks(was.allowPartialChunks())
                    .maxChunkSize(Math.max(MAX_PIECE, was.maxChunkSize())));
      };

  @Override
  public void customize(NettyReactiveWebServerFactory factory) {
    factory.addServerCustomizers(PIECES);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
