package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pre-encoded body against the plain encoding ({@link ComponentJson} joined by commas): the
 * same bytes for any set of ids, across block borders, in one or several composites, and without a
 * copy on Netty.
 */
class FeatureCollectionBodyTest {

  private static final byte[] HEAD = "{\"features\":[".getBytes(StandardCharsets.UTF_8);

  /**
   * Full chunks and a short last one, at least two full ones and enough for a body of more than
   * MAX_PIECES pieces.
   */
  private static final List<ComponentRow> ROWS =
      rows(
          Math.max(2, (2 * FeatureCollectionBody.MAX_PIECES + 100) / FeatureBytes.CHUNK)
                  * FeatureBytes.CHUNK
              + 17);

  @ParameterizedTest(name = "{0} ids")
  @ValueSource(ints = {0, 1, 2, 255, 256, 257, 700})
  void theBodyIsTheSameBytesAsEncodingEachFeature(int count) {
    int[] ids = randomAscending(count, 17L * count + 1);
    FeatureBytes features = new FeatureBytes(ROWS);
    Written w = write(netty(), features, ids);
    assertThat(w.body).isEqualTo(expected(ids));
    assertThat(w.contentType).isEqualTo(MediaType.APPLICATION_JSON);
    // the same through the copying path for servers other than Netty
    Written copied = write(new MockServerHttpResponse(), new FeatureBytes(ROWS), ids);
    assertThat(copied.body).isEqualTo(expected(ids));
  }

  @Test
  void everyIdAndRunsAcrossBlockBordersMatch() {
    int[] all = IntStream.range(0, ROWS.size()).toArray();
    FeatureBytes features = new FeatureBytes(ROWS);
    assertThat(write(netty(), features, all).body).isEqualTo(expected(all));
    int b = FeatureBytes.CHUNK;
    int[] border = {b - 2, b - 1, b, b + 1, 2 * b - 1, 2 * b};
    assertThat(write(netty(), features, border).body).isEqualTo(expected(border));
    for (int id : new int[] {0, b - 1, b, ROWS.size() - 1}) {
      assertThat(features.feature(id)).isEqualTo(json(id));
    }
  }

  @Test
  void eachFeatureIsItsOwnEncodingWhicheverChunkIsEncodedFirst() {
    // ids in random order on a fresh instance: chunks are encoded lazily, last chunk first here
    FeatureBytes features = new FeatureBytes(ROWS);
    int last = ROWS.size() - 1;
    assertThat(features.feature(last)).isEqualTo(json(last));
    int[] ids = new SplittableRandom(7).ints(0, ROWS.size()).limit(500).toArray();
    for (int id : ids) {
      assertThat(features.feature(id)).as("id %d", id).isEqualTo(json(id));
    }
  }

  @Test
  void threadsEncodingTheSameChunksAtOnceWriteTheSameBodies() throws Exception {
    FeatureBytes features = new FeatureBytes(ROWS);
    int[] ids = randomAscending(900, 99);
    String expected = expected(ids);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<String>> bodies = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        bodies.add(
            pool.submit(
                () -> {
                  start.await();
                  return write(netty(), features, ids).body;
                }));
      }
      start.countDown();
      for (var body : bodies) {
        assertThat(body.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nettyGetsDirectCompositesOfAtMostMaxPiecesAndTheFullLength() {
    // every other id: no two neighbours, one piece per feature
    int[] ids = IntStream.range(0, ROWS.size()).filter(i -> i % 2 == 0).toArray();
    assertThat(ids.length + 2).isGreaterThan(FeatureCollectionBody.MAX_PIECES);
    MockServerHttpResponse response = netty();
    List<DataBuffer> written = new ArrayList<>();
    MockServerHttpResponse capturing =
        new MockServerHttpResponse(response.bufferFactory()) {
          @Override
          protected Mono<Void> writeWithInternal(
              org.reactivestreams.Publisher<? extends DataBuffer> body) {
            // keep them: the response releases what it has written
            return Flux.from(body).doOnNext(b -> written.add(DataBufferUtils.retain(b))).then();
          }
        };
    FeatureCollectionBody.write(capturing, HEAD, new FeatureBytes(ROWS), ids, ids.length).block();
    assertThat(written).hasSizeGreaterThan(1);
    long length = 0;
    StringBuilder body = new StringBuilder();
    for (DataBuffer d : written) {
      ByteBuf buf = ((NettyDataBuffer) d).getNativeBuffer();
      assertThat(buf).isInstanceOf(RunsByteBuf.class);
      assertThat(buf.isDirect()).isTrue();
      assertThat(buf.nioBufferCount()).isLessThanOrEqualTo(FeatureCollectionBody.MAX_PIECES);
      assertThat(buf.nioBuffers()).hasSize(buf.nioBufferCount()).allMatch(ByteBuffer::isDirect);
      length += buf.readableBytes();
      body.append(buf.toString(StandardCharsets.UTF_8));
      DataBufferUtils.release(d);
    }
    assertThat(capturing.getHeaders().getContentLength()).isEqualTo(length);
    assertThat(body.toString()).isEqualTo(expected(ids));
  }

  @Test
  void aShortBodyIsOneBufferOfRangesWithoutCopies() {
    int[] ids = {3, 4, 5, 9, FeatureBytes.CHUNK + 1};
    List<DataBuffer> written = new ArrayList<>();
    MockServerHttpResponse capturing =
        new MockServerHttpResponse(netty().bufferFactory()) {
          @Override
          protected Mono<Void> writeWithInternal(
              org.reactivestreams.Publisher<? extends DataBuffer> body) {
            // keep them: the response releases what it has written
            return Flux.from(body).doOnNext(b -> written.add(DataBufferUtils.retain(b))).then();
          }
        };
    FeatureCollectionBody.write(capturing, HEAD, new FeatureBytes(ROWS), ids, ids.length).block();
    assertThat(written).hasSize(1);
    ByteBuf c = ((NettyDataBuffer) written.get(0)).getNativeBuffer();
    assertThat(c).isInstanceOf(RunsByteBuf.class);
    // head, the run 3–5, 9, the one in the next block, the closing brackets: what writev gets
    assertThat(c.nioBufferCount()).isEqualTo(5);
    ByteBuffer[] pieces = c.nioBuffers();
    assertThat(pieces).hasSize(5).allMatch(ByteBuffer::isDirect);
    StringBuilder joined = new StringBuilder();
    for (ByteBuffer piece : pieces) {
      joined.append(StandardCharsets.UTF_8.decode(piece));
    }
    assertThat(joined.toString()).isEqualTo(expected(ids));
    assertThat(c.toString(StandardCharsets.UTF_8)).isEqualTo(expected(ids));
    assertThat(c.release()).isTrue();
    // releasing the response's buffers leaves the encoded blocks usable
    FeatureBytes features = new FeatureBytes(ROWS);
    write(netty(), features, ids);
    assertThat(write(netty(), features, ids).body).isEqualTo(expected(ids));
  }

  @Test
  void aNewSnapshotTakesOverTheEncodedChunksWhoseRowsAreTheSameAndEncodesTheRest() {
    int b = FeatureBytes.CHUNK;
    FeatureBytes before = new FeatureBytes(ROWS);
    before.feature(0);
    before.feature(b + 5);
    before.feature(2 * b + 1);
    assertThat(before.encodedChunks()).isEqualTo(3);

    // an edit in the middle chunk: its ids stay, only that chunk is encoded again
    List<ComponentRow> edited = new ArrayList<>(ROWS);
    ComponentRow old = edited.get(b + 11);
    edited.set(b + 11, withState(old, "DAMAGED"));
    FeatureBytes afterEdit = new FeatureBytes(List.copyOf(edited), before);
    assertThat(afterEdit.encodedChunks()).isEqualTo(2);
    int[] all = IntStream.range(0, edited.size()).toArray();
    assertThat(write(netty(), afterEdit, all).body)
        .isEqualTo(write(netty(), new FeatureBytes(List.copyOf(edited)), all).body)
        .contains("\"DAMAGED\"");
    assertThat(new String(afterEdit.feature(b + 11), StandardCharsets.UTF_8))
        .isEqualTo(ComponentJson.feature(new StringBuilder(), edited.get(b + 11), null).toString());

    // a new row in the first chunk moves every id after it: nothing after it is taken over
    List<ComponentRow> inserted = new ArrayList<>(ROWS);
    inserted.add(7, withCode(ROWS.get(7), ROWS.get(7).code() + "1"));
    FeatureBytes afterInsert = new FeatureBytes(List.copyOf(inserted), before);
    assertThat(afterInsert.encodedChunks()).isZero();
    int[] allInserted = IntStream.range(0, inserted.size()).toArray();
    assertThat(write(netty(), afterInsert, allInserted).body)
        .isEqualTo(write(netty(), new FeatureBytes(List.copyOf(inserted)), allInserted).body);

    // equal rows that are other objects (an import of the same values) count as the same
    List<ComponentRow> copies = new ArrayList<>();
    for (ComponentRow r : ROWS) {
      copies.add(withState(r, r.state()));
    }
    FeatureBytes afterReimport = new FeatureBytes(List.copyOf(copies), before);
    assertThat(afterReimport.encodedChunks()).isEqualTo(3);
    assertThat(write(netty(), afterReimport, all).body).isEqualTo(expected(all));
  }

  private static ComponentRow withState(ComponentRow r, String state) {
    return new ComponentRow(
        r.code(),
        r.classCode(),
        r.name(),
        r.lon(),
        r.lat(),
        state,
        r.competentDeptId(),
        r.ownerId(),
        r.maintenanceUnitId(),
        r.gridCode(),
        r.surveyed(),
        r.changed());
  }

  private static ComponentRow withCode(ComponentRow r, String code) {
    return new ComponentRow(
        code,
        r.classCode(),
        r.name(),
        r.lon(),
        r.lat(),
        r.state(),
        r.competentDeptId(),
        r.ownerId(),
        r.maintenanceUnitId(),
        r.gridCode(),
        r.surveyed(),
        r.changed());
  }

  private record Written(String body, MediaType contentType) {}

  private static MockServerHttpResponse netty() {
    return new MockServerHttpResponse(new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT));
  }

  private static Written write(
      AbstractServerHttpResponse response, FeatureBytes features, int[] ids) {
    FeatureCollectionBody.write(response, HEAD, features, ids, ids.length).block();
    String body = ((MockServerHttpResponse) response).getBodyAsString().block();
    return new Written(body == null ? "" : body, response.getHeaders().getContentType());
  }

  private static String expected(int[] ids) {
    StringBuilder sb = new StringBuilder(new String(HEAD, StandardCharsets.UTF_8));
    for (int i = 0; i < ids.length; i++) {
      ComponentJson.feature(sb.append(i == 0 ? "" : ","), ROWS.get(ids[i]), null);
    }
    return sb.append("]}").toString();
  }

  private static byte[] json(int id) {
    return ComponentJson.feature(new StringBuilder(), ROWS.get(id), null)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int[] randomAscending(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return random.ints(0, ROWS.size()).distinct().limit(count).sorted().toArray();
  }

  private static List<ComponentRow> rows(int n) {
    List<ComponentRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new ComponentRow(
              String.format("3205090101%06d", i),
              "0101",
              i % 3 == 0 ? "上水井盖 \"" + i + "\"" : "雨水井盖",
              120.5 + i * 1e-5,
              31.0 + i * 1e-6,
              i % 5 == 0 ? "DAMAGED" : "INTACT",
              "U-320509-WATERAFFAIRS",
              i % 2 == 0 ? null : "U-320509-DRAIN",
              "U-320509-DRAIN",
              i % 7 == 0 ? null : "320509001001" + String.format("%03d", i % 1000),
              LocalDate.of(2024, 1, 1),
              null));
    }
    return rows;
  }
}
