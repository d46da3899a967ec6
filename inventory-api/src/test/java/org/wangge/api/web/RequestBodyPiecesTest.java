package org.wangge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

/** Request bodies in pieces larger than Netty's 8 KiB, the decoder's other settings kept. */
class RequestBodyPiecesTest {

  @Test
  void keepsTheDecodersOtherSettings() {
    HttpServer server =
        HttpServer.create()
            .httpRequestDecoder(
                spec ->
                    spec.maxInitialLineLength(1000)
                        .maxHeaderSize(16384)
                        .validateHeaders(false)
                        .initialBufferSize(256)
                        .allowDuplicateContentLengths(true)
                        .h2cMaxContentLength(4096)
                        .allowPartialChunks(false));
    HttpRequestDecoderSpec decoder =
        RequestBodyPieces.PIECES.apply(server).configuration().decoder();
    assertThat(decoder.maxChunkSize()).isEqualTo(RequestBodyPieces.MAX_PIECE);
    assertThat(decoder.maxInitialLineLength()).isEqualTo(1000);
    assertThat(decoder.maxHeaderSize()).isEqualTo(16384);
    assertThat(decoder.validateHeaders()).isFalse();
    assertThat(decoder.initialBufferSize()).isEqualTo(256);
    assertThat(decoder.allowDuplicateContentLengths()).isTrue();
    assertThat(decoder.h2cMaxContentLength()).isEqualTo(4096);
    assertThat(decoder.allowPartialChunks()).isFalse();
  }

  @Test
  void aLargerChunkSizeIsKept() {
    HttpServer server = HttpServer.create().httpRequestDecoder(spec -> spec.maxChunkSize(1 << 20));
    assertThat(RequestBodyPieces.PIECES.apply(server).configuration().decoder().maxChunkSize())
        .isEqualTo(1 << 20);
  }

  /** The largest body piece a server sees of a 4 MiB upload over loopback. */
  private static int largestPiece(HttpServer server) {
    DisposableServer running =
        server
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    res.sendString(
                        req.receive()
                            .map(b -> b.readableBytes())
                            .reduce(0, Math::max)
                            .map(String::valueOf)))
            .bindNow();
    try {
      byte[] body = new byte[4 << 20];
      String largest =
          HttpClient.create()
              .port(running.port())
              .host("127.0.0.1")
              .post()
              .uri("/")
              .send(Mono.just(Unpooled.wrappedBuffer(body)))
              .responseContent()
              .aggregate()
              .asString()
              .block(Duration.ofSeconds(30));
      return Integer.parseInt(largest);
    } finally {
      running.disposeNow();
    }
  }

  @Test
  void bodiesArriveInPiecesLargerThanEightKib() {
    assertThat(largestPiece(HttpServer.create())).isLessThanOrEqualTo(8192);
    assertThat(largestPiece(RequestBodyPieces.PIECES.apply(HttpServer.create())))
        .isGreaterThan(8192)
        .isLessThanOrEqualTo(RequestBodyPieces.MAX_PIECE);
  }
}
