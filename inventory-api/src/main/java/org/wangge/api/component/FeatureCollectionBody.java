package org.wangge.api.component;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a GeoJSON FeatureCollection whose features are already encoded ({@link FeatureBytes}): on
 * Netty the body is a composite of the per-request head, one slice of the encoded chunks per run of
 * consecutive ids, and the closing brackets, so the socket reads the features where they lie and
 * nothing is copied in the JVM. Other servers get one copied buffer.
 *
 * <p>Measured (docs/benchmarks.md, "Box queries, sixth pass"): copying the runs into one pooled
 * buffer instead, so that the kernel gets one piece instead of ~370, took ~30 µs of kernel time off
 * a request but added ~100 µs in the JVM (the copy now takes the cache misses the kernel took).
 */
final class FeatureCollectionBody {

  /**
   * Buffers per composite: Netty's epoll transport copies a composite with more than IOV_MAX
   * (1,024) pieces into one buffer before writing, so longer bodies go out as several composites.
   */
  static final int MAX_PIECES = 1000;

  private static final ByteBuf TAIL =
      Unpooled.unreleasableBuffer(
          Unpooled.wrappedBuffer(
              ByteBuffer.allocateDirect(2).put("]}".getBytes(StandardCharsets.UTF_8)).flip()));

  private FeatureCollectionBody() {}

  /**
   * Writes {@code head} (up to and including the features' opening bracket), the features of {@code
   * ids[0..count)} in that order separated by commas, and {@code "]}"}.
   */
  static Mono<Void> write(
      ServerHttpResponse response, byte[] head, FeatureBytes features, int[] ids, int count) {
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    // head, one slice per run of consecutive ids in one chunk, tail
    ByteBuf[] pieces = new ByteBuf[count + 2];
    int n = 1;
    long length = head.length + TAIL.readableBytes();
    for (int i = 0; i < count; ) {
      int first = ids[i];
      int j = i;
      while (j + 1 < count
          && ids[j + 1] == ids[j] + 1
          && FeatureBytes.sameChunk(first, ids[j + 1])) {
        j++;
      }
      ByteBuf run = features.run(first, ids[j], j == count - 1); // no comma after the last
      pieces[n++] = run;
      length += run.readableBytes();
      i = j + 1;
    }
    if (!(response.bufferFactory() instanceof NettyDataBufferFactory netty)) {
      DataBuffer out = response.bufferFactory().allocateBuffer((int) length);
      out.write(head);
      for (int p = 1; p < n; p++) {
        out.write(pieces[p].nioBuffer());
      }
      out.write(TAIL.nioBuffer());
      return response.writeWith(Mono.just(out));
    }
    ByteBufAllocator alloc = netty.getByteBufAllocator();
    pieces[0] = alloc.directBuffer(head.length).writeBytes(head);
    pieces[n++] = TAIL.duplicate();
    if (n <= MAX_PIECES) {
      return response.writeWith(
          Mono.just(netty.wrap(new CompositeByteBuf(alloc, true, n, Arrays.copyOf(pieces, n)))));
    }
    // several writes: without the length the server would fall back to chunked encoding
    response.getHeaders().setContentLength(length);
    List<DataBuffer> parts = new ArrayList<>();
    for (int from = 0; from < n; from += MAX_PIECES) {
      int to = Math.min(n, from + MAX_PIECES);
      parts.add(
          netty.wrap(
              new CompositeByteBuf(alloc, true, to - from, Arrays.copyOfRange(pieces, from, to))));
    }
    return response.writeWith(Flux.fromIterable(parts));
  }
}
