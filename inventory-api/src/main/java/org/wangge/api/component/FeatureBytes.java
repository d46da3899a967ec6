package org.wangge.api.component;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each component of one snapshot as a GeoJSON Feature in UTF-8, encoded on first use in blocks of
 * {@value #BLOCK} consecutive ids and kept in direct memory, every feature followed by a comma. A
 * run of consecutive ids in one block is then one contiguous range of bytes: a box query hands the
 * socket slices of these blocks (one per run) instead of copying 180 kB per response.
 *
 * <p>Blocks are never released explicitly: slices given out cannot be released ({@link
 * Unpooled#unreleasableBuffer}), and a block's memory is freed by the garbage collector once its
 * snapshot and every response still being written from it are gone. The rows never change, so a
 * race encodes the same bytes twice, which is harmless. Thread-safe.
 */
final class FeatureBytes {

  static final int BLOCK_SHIFT = 8;
  static final int BLOCK = 1 << BLOCK_SHIFT;

  /**
   * One encoded block: the bytes and where each feature ends (exclusive, after its comma).
   *
   * @param bytes unreleasable, read-only by convention: slice it, never write into it
   */
  private record Block(ByteBuf bytes, int[] ends) {
    int start(int i) {
      return i == 0 ? 0 : ends[i - 1];
    }
  }

  private final List<ComponentRow> rows;
  private final AtomicReferenceArray<Block> blocks;

  FeatureBytes(List<ComponentRow> rows) {
    this.rows = rows;
    this.blocks = new AtomicReferenceArray<>((rows.size() + BLOCK - 1) >>> BLOCK_SHIFT);
  }

  /** The feature of component {@code id}, without the comma, as a new array. */
  byte[] feature(int id) {
    Block b = block(id >>> BLOCK_SHIFT);
    int i = id & (BLOCK - 1);
    byte[] out = new byte[b.ends[i] - b.start(i) - 1];
    b.bytes.getBytes(b.start(i), out);
    return out;
  }

  /** Whether {@code a} and {@code b} lie in the same block, so that one slice can cover both. */
  static boolean sameBlock(int a, int b) {
    return (a >>> BLOCK_SHIFT) == (b >>> BLOCK_SHIFT);
  }

  /**
   * The features of ids {@code first} to {@code last} (one block, see {@link #sameBlock}), each
   * followed by a comma, as an unreleasable slice of the block: releasing it is a no-op.
   */
  ByteBuf run(int first, int last) {
    Block b = block(first >>> BLOCK_SHIFT);
    int from = b.start(first & (BLOCK - 1));
    return b.bytes.slice(from, b.ends[last & (BLOCK - 1)] - from);
  }

  private Block block(int k) {
    Block b = blocks.get(k);
    if (b == null) {
      b = encode(k);
      if (!blocks.compareAndSet(k, null, b)) {
        b = blocks.get(k);
      }
    }
    return b;
  }

  private Block encode(int k) {
    int first = k << BLOCK_SHIFT;
    int count = Math.min(BLOCK, rows.size() - first);
    int[] ends = new int[count];
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
      ends[i] = size;
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(size);
    direct.put(buf, 0, size).flip();
    return new Block(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)), ends);
  }
}
