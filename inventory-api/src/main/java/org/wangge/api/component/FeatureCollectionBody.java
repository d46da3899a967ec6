package org.wangge.api.component;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * Netty the body is one {@link RunsByteBuf} over the per-request head, the ranges of the encoded
 * chunks that hold each run of consecutive ids, and the closing brackets, so the socket reads the
 * features where they lie and nothing is copied in the JVM. Other servers get one copied buffer.
 *
 * <p>Measured (docs/benchmarks.md, "Box queries, sixth pass" and "seventh pass"): copying the runs
 * into one pooled buffer instead, so that the kernel gets one piece instead of ~370, took ~30 µs of
 * kernel time off a request but added ~100 µs in the JVM (the copy now takes the cache misses the
 * kernel took); a {@code CompositeByteBuf} of slices cost three to five objects per run.
 */
final class FeatureCollectionBody {

  /**
   * Pieces per buffer: Netty's epoll transport copies a buffer with more than IOV_MAX (1,024)
   * pieces into one buffer before writing, so longer bodies go out as several buffers.
   */
  static final int MAX_PIECES = 1000;

  private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

  private FeatureCollectionBody() {}

  /**
   * Writes {@code head} (up to and including the features' opening bracket), the features of {@code
   * ids[0..count)} in that order separated by commas, and {@code "]}"}.
   */
  static Mono<Void> write(
      ServerHttpResponse response, byte[] head, FeatureBytes features, int[] ids, int count) {
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    // piece 0 the head, then one piece per run of consecutive ids in one chunk, then the tail
    ByteBuffer[] bases = new ByteBuffer[count + 2];
    int[] offsets = new int[count + 2];
    int[] ends = new int[count + 2];
    ends[0] = head.length;
    int n = 1;
    for (int i = 0; i < count; ) {
      int first = ids[i];
      int j = i;
      while (j + 1 < count
          && ids[j + 1] == ids[j] + 1
          && FeatureBytes.sameChunk(first, ids[j + 1])) {
        j++;
      }
      bases[n] = features.chunkOf(first);
      offsets[n] = features.start(first);
      int end = features.end(ids[j]) - (j == count - 1 ? 1 : 0); // no comma after the last
      ends[n] = ends[n - 1] + end - offsets[n];
      n++;
      i = j + 1;
    }
    int length = ends[n - 1] + TAIL.length;
    if (!(response.bufferFactory() instanceof NettyDataBufferFactory netty)) {
      DataBuffer out = response.bufferFactory().allocateBuffer(length);
      out.write(head);
      for (int p = 1; p < n; p++) {
        out.write(bases[p].slice(offsets[p], ends[p] - ends[p - 1]));
      }
      out.write(TAIL);
      return response.writeWith(Mono.just(out));
    }
    // head and tail in one pooled buffer, released with the body
    ByteBufAllocator alloc = netty.getByteBufAllocator();
    ByteBuf frame = alloc.directBuffer(head.length + TAIL.length).writeBytes(head).writeBytes(TAIL);
    ByteBuffer frameBytes = frame.nioBuffer(0, frame.readableBytes());
    bases[0] = frameBytes;
    if (n == 1) { // no features: head and tail are one range
      ends[0] = length;
      return response.writeWith(
          Mono.just(netty.wrap(new RunsByteBuf(alloc, frame, bases, offsets, ends, 1))));
    }
    bases[n] = frameBytes;
    offsets[n] = head.length;
    ends[n] = length;
    n++;
    if (n <= MAX_PIECES) {
      return response.writeWith(
          Mono.just(netty.wrap(new RunsByteBuf(alloc, frame, bases, offsets, ends, n))));
    }
    // several writes: without the length the server would fall back to chunked encoding
    response.getHeaders().setContentLength(length);
    List<DataBuffer> parts = new ArrayList<>();
    for (int from = 0; from < n; from += MAX_PIECES) {
      int to = Math.min(n, from + MAX_PIECES);
      int[] partEnds = new int[to - from];
      int before = from == 0 ? 0 : ends[from - 1];
      for (int p = from; p < to; p++) {
        partEnds[p - from] = ends[p] - before;
      }
      // each part holds the frame once: the first and the last read from it
      parts.add(
          netty.wrap(
              new RunsByteBuf(
                  alloc,
                  from == 0 ? frame : frame.retain(),
                  Arrays.copyOfRange(bases, from, to),
                  Arrays.copyOfRange(offsets, from, to),
                  partEnds,
                  to - from)));
    }
    return response.writeWith(Flux.fromIterable(parts));
  }
}
