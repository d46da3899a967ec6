package org.wangge.api.component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each component of one snapshot as a GeoJSON Feature in UTF-8, every feature followed by a comma,
 * encoded on first use in chunks of {@value #CHUNK} consecutive ids into direct memory. A run of
 * consecutive ids in one chunk is one contiguous range of bytes, and finding it takes two reads of
 * one {@code int[]} of offsets indexed by id: a box query of ~730 features in ~370 runs scattered
 * over the 180 MB of a full inventory then misses the cache once or twice per run before the copy,
 * instead of once per run for each of a block record, its offsets and its buffer.
 *
 * <p>Chunks of 256 ids, not 4,096: a cold box query (after a start, or in the chunks an edit or an
 * import changed) encodes only the chunks it touches, ~25 of 256 ids instead of ~25 of 4,096, and
 * the steady state measured no worse ("Box queries, seventh pass" in docs/benchmarks.md).
 *
 * <p>Chunks are never released explicitly: their memory is freed by the garbage collector with the
 * snapshot. The rows never change, so a race encodes the same bytes twice (and writes the same
 * offsets), which is harmless: a chunk's offsets are written before the chunk is published, and
 * read only after it was seen. Thread-safe.
 */
final class FeatureBytes {

  static final int CHUNK_SHIFT = 8;
  static final int CHUNK = 1 << CHUNK_SHIFT;

  private final List<ComponentRow> rows;

  /** Per id: where its feature ends (exclusive, after the comma) in its chunk. */
  private final int[] ends;

  /**
   * Direct, read-only by convention: never written into nor positioned once published, only read
   * with absolute methods and sliced, so that concurrent responses can share them.
   */
  private final AtomicReferenceArray<ByteBuffer> chunks;

  FeatureBytes(List<ComponentRow> rows) {
    this.rows = rows;
    this.ends = new int[rows.size()];
    this.chunks = new AtomicReferenceArray<>((rows.size() + CHUNK - 1) >>> CHUNK_SHIFT);
  }

  /**
   * Over {@code rows}, taking over the chunks {@code previous} has encoded whose rows are the same
   * at the same ids: a snapshot replaced after an edit (which moves ids only after the edited code)
   * or a small import starts mostly warm instead of encoding every chunk again on first use. Rows
   * are compared by reference first (a merged snapshot keeps the unchanged row objects), then by
   * value. Must not be published before it returns.
   */
  FeatureBytes(List<ComponentRow> rows, FeatureBytes previous) {
    this(rows);
    int shared = Math.min(chunks.length(), previous.chunks.length());
    for (int k = 0; k < shared; k++) {
      ByteBuffer chunk = previous.chunks.get(k); // its ends are visible once it is seen
      int first = k << CHUNK_SHIFT;
      int count = Math.min(CHUNK, rows.size() - first);
      if (chunk != null
          && count == Math.min(CHUNK, previous.rows.size() - first)
          && sameRows(rows, previous.rows, first, count)) {
        System.arraycopy(previous.ends, first, ends, first, count);
        chunks.set(k, chunk);
      }
    }
  }

  private static boolean sameRows(List<ComponentRow> a, List<ComponentRow> b, int from, int count) {
    for (int i = from; i < from + count; i++) {
      ComponentRow x = a.get(i);
      ComponentRow y = b.get(i);
      if (x != y && !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /** How many chunks are encoded (taken over or encoded since); for tests. */
  int encodedChunks() {
    int n = 0;
    for (int k = 0; k < chunks.length(); k++) {
      n += chunks.get(k) == null ? 0 : 1;
    }
    return n;
  }

  /** The feature of component {@code id}, without the comma, as a new array. */
  byte[] feature(int id) {
    ByteBuffer chunk = chunkOf(id);
    int from = start(id);
    byte[] out = new byte[ends[id] - from - 1];
    chunk.get(from, out);
    return out;
  }

  /** Whether {@code a} and {@code b} lie in the same chunk, so that one range covers both. */
  static boolean sameChunk(int a, int b) {
    return (a >>> CHUNK_SHIFT) == (b >>> CHUNK_SHIFT);
  }

  /**
   * The encoded chunk of {@code id}, encoding it first if needed; the features of a run of ids in
   * it lie from {@link #start} of the first to {@link #end} of the last.
   */
  ByteBuffer chunkOf(int id) {
    int k = id >>> CHUNK_SHIFT;
    ByteBuffer c = chunks.get(k);
    if (c == null) {
      c = encode(k);
      if (!chunks.compareAndSet(k, null, c)) {
        c = chunks.get(k);
      }
    }
    return c;
  }

  /** Where the feature of {@code id} starts in its chunk; only after {@link #chunkOf} of it. */
  int start(int id) {
    return (id & (CHUNK - 1)) == 0 ? 0 : ends[id - 1];
  }

  /**
   * Where the feature of {@code id} ends in its chunk, after its comma; only after {@link #chunkOf}
   * of it.
   */
  int end(int id) {
    return ends[id];
  }

  private ByteBuffer encode(int k) {
    int first = k << CHUNK_SHIFT;
    int count = Math.min(CHUNK, rows.size() - first);
    byte[] buf = new byte[count * 320];
    int size = 0;
    StringBuilder sb = new StringBuilder(340);
    for (int i = 0; i < count; i++) {
      sb.setLength(0);
      byte[] json =
          ComponentJson.feature(sb, rows.get(first + i), null)
              .append(',')
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      if (size + json.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + json.length));
      }
      System.arraycopy(json, 0, buf, size, json.length);
      size += json.length;
      ends[first + i] = size;
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(size);
    return direct.put(buf, 0, size).flip();
  }
}
