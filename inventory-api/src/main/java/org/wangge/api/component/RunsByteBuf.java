package org.wangge.api.component;

import io.netty.buffer.AbstractReferenceCountedByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.util.Arrays;

/**
 * A read-only buffer over ranges ("pieces") of direct memory that other objects own, for writing
 * one response body without copying it in the JVM and without an object per piece until the write.
 * Each piece is a range of a shared direct {@link ByteBuffer} (an encoded chunk of {@link
 * FeatureBytes}, or the per-response head and tail), kept as three array entries; nothing of the
 * pieces is retained or released except {@code owned}, released with this buffer.
 *
 * <p>Netty's native transports write a direct buffer of several pieces through {@link
 * #nioBuffers(int, int)} (one iovec of {@code writev} per returned buffer), after a partial write
 * from a moved reader index, so that method answers the pieces directly; a {@link
 * io.netty.buffer.CompositeByteBuf} of slices cost three to five short-lived objects per piece
 * instead of one ("Box queries, seventh pass" in docs/benchmarks.md). Every other read path (the
 * NIO transport, HTTP encoders that copy a short body into the header buffer, tests) reads the same
 * bytes through the ordinary {@link ByteBuf} methods; writes throw {@link ReadOnlyBufferException}.
 *
 * <p>The pieces' {@link ByteBuffer}s are only read with absolute methods and sliced, never
 * positioned, so they can be shared by concurrent responses. Not thread-safe itself, like any
 * {@link ByteBuf}.
 */
final class RunsByteBuf extends AbstractReferenceCountedByteBuf {

  private final ByteBufAllocator alloc;
  private final ByteBuf owned;
  private final ByteBuffer[] bases;
  private final int[] offsets;

  /** Per piece: where it ends in this buffer (exclusive); non-decreasing. */
  private final int[] ends;

  private final int count;

  /**
   * Pieces {@code 0..count)}: piece {@code p} is {@code bases[p]} from {@code offsets[p]}
   * (absolute, whatever the buffer's position) for {@code ends[p] - ends[p - 1]} bytes. The arrays
   * are taken over, not copied. {@code owned} (may be null) is released when this buffer is
   * deallocated.
   */
  RunsByteBuf(
      ByteBufAllocator alloc,
      ByteBuf owned,
      ByteBuffer[] bases,
      int[] offsets,
      int[] ends,
      int count) {
    super(count == 0 ? 0 : ends[count - 1]);
    this.alloc = alloc;
    this.owned = owned;
    this.bases = bases;
    this.offsets = offsets;
    this.ends = ends;
    this.count = count;
    writerIndex(maxCapacity());
  }

  /** The piece that holds {@code index} (the first non-empty one ending after it). */
  private int piece(int index) {
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > index) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private int start(int p) {
    return p == 0 ? 0 : ends[p - 1];
  }

  /** Where {@code index} lies in {@code bases[p]}. */
  private int at(int p, int index) {
    return offsets[p] + index - start(p);
  }

  @Override
  protected void deallocate() {
    if (owned != null) {
      owned.release();
    }
  }

  @Override
  public int capacity() {
    return maxCapacity();
  }

  @Override
  public ByteBuf capacity(int newCapacity) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public ByteBufAllocator alloc() {
    return alloc;
  }

  @Override
  @SuppressWarnings("deprecation")
  public ByteOrder order() {
    return ByteOrder.BIG_ENDIAN;
  }

  @Override
  public ByteBuf unwrap() {
    return null;
  }

  @Override
  public boolean isDirect() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public boolean hasArray() {
    return false;
  }

  @Override
  public byte[] array() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int arrayOffset() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean hasMemoryAddress() {
    return false;
  }

  @Override
  public long memoryAddress() {
    throw new UnsupportedOperationException();
  }

  // reads

  @Override
  protected byte _getByte(int index) {
    int p = piece(index);
    return bases[p].get(at(p, index));
  }

  @Override
  protected short _getShort(int index) {
    return (short) ((_getByte(index) & 0xff) << 8 | _getByte(index + 1) & 0xff);
  }

  @Override
  protected short _getShortLE(int index) {
    return (short) (_getByte(index) & 0xff | (_getByte(index + 1) & 0xff) << 8);
  }

  @Override
  protected int _getUnsignedMedium(int index) {
    return (_getShort(index) & 0xffff) << 8 | _getByte(index + 2) & 0xff;
  }

  @Override
  protected int _getUnsignedMediumLE(int index) {
    return _getShortLE(index) & 0xffff | (_getByte(index + 2) & 0xff) << 16;
  }

  @Override
  protected int _getInt(int index) {
    return (_getShort(index) & 0xffff) << 16 | _getShort(index + 2) & 0xffff;
  }

  @Override
  protected int _getIntLE(int index) {
    return _getShortLE(index) & 0xffff | (_getShortLE(index + 2) & 0xffff) << 16;
  }

  @Override
  protected long _getLong(int index) {
    return (_getInt(index) & 0xffffffffL) << 32 | _getInt(index + 4) & 0xffffffffL;
  }

  @Override
  protected long _getLongLE(int index) {
    return _getIntLE(index) & 0xffffffffL | (_getIntLE(index + 4) & 0xffffffffL) << 32;
  }

  @Override
  public ByteBuf getBytes(int index, ByteBuf dst, int dstIndex, int length) {
    checkDstIndex(index, length, dstIndex, dst.capacity());
    for (int p = piece(index); length > 0; p++) {
      int n = Math.min(length, ends[p] - index);
      if (n > 0) {
        dst.setBytes(dstIndex, bases[p].slice(at(p, index), n));
      }
      index += n;
      dstIndex += n;
      length -= n;
    }
    return this;
  }

  @Override
  public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
    checkDstIndex(index, length, dstIndex, dst.length);
    for (int p = piece(index); length > 0; p++) {
      int n = Math.min(length, ends[p] - index);
      if (n > 0) {
        bases[p].get(at(p, index), dst, dstIndex, n);
      }
      index += n;
      dstIndex += n;
      length -= n;
    }
    return this;
  }

  @Override
  public ByteBuf getBytes(int index, ByteBuffer dst) {
    int length = dst.remaining();
    checkIndex(index, length);
    for (int p = piece(index); length > 0; p++) {
      int n = Math.min(length, ends[p] - index);
      if (n > 0) {
        dst.put(bases[p].slice(at(p, index), n));
      }
      index += n;
      length -= n;
    }
    return this;
  }

  @Override
  public ByteBuf getBytes(int index, OutputStream out, int length) throws IOException {
    checkIndex(index, length);
    byte[] bytes = new byte[length];
    getBytes(index, bytes, 0, length);
    out.write(bytes);
    return this;
  }

  @Override
  public int getBytes(int index, GatheringByteChannel out, int length) throws IOException {
    checkIndex(index, length);
    return length == 0 ? 0 : (int) out.write(nioBuffers(index, length));
  }

  @Override
  public int getBytes(int index, FileChannel out, long position, int length) throws IOException {
    checkIndex(index, length);
    int written = 0;
    for (ByteBuffer piece : nioBuffers(index, length)) {
      while (piece.hasRemaining()) {
        int n = out.write(piece, position + written);
        if (n <= 0) {
          return written;
        }
        written += n;
      }
    }
    return written;
  }

  @Override
  public ByteBuf copy(int index, int length) {
    checkIndex(index, length);
    ByteBuf copy = alloc.buffer(length);
    getBytes(index, copy, 0, length);
    return copy.writerIndex(length);
  }

  // the pieces as NIO buffers: what Netty's native transports write

  @Override
  public int nioBufferCount() {
    return count;
  }

  @Override
  public ByteBuffer nioBuffer(int index, int length) {
    checkIndex(index, length);
    if (length == 0) {
      return Unpooled.EMPTY_BUFFER.nioBuffer();
    }
    int p = piece(index);
    if (index + length <= ends[p]) {
      return bases[p].slice(at(p, index), length);
    }
    ByteBuffer merged = ByteBuffer.allocate(length);
    getBytes(index, merged);
    return merged.flip();
  }

  @Override
  public ByteBuffer internalNioBuffer(int index, int length) {
    checkIndex(index, length);
    if (length == 0) {
      return Unpooled.EMPTY_BUFFER.nioBuffer();
    }
    int p = piece(index);
    if (index + length > ends[p]) {
      throw new UnsupportedOperationException("the range spans several pieces");
    }
    return bases[p].slice(at(p, index), length);
  }

  @Override
  public ByteBuffer[] nioBuffers(int index, int length) {
    checkIndex(index, length);
    if (length == 0) {
      return new ByteBuffer[] {Unpooled.EMPTY_BUFFER.nioBuffer()};
    }
    int first = piece(index);
    int last = piece(index + length - 1);
    ByteBuffer[] out = new ByteBuffer[last - first + 1];
    int k = 0;
    for (int p = first; p <= last; p++) {
      int n = Math.min(length, ends[p] - index);
      if (n > 0) {
        out[k++] = bases[p].slice(at(p, index), n);
      }
      index += n;
      length -= n;
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  // writes: read-only

  @Override
  protected void _setByte(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setShort(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setShortLE(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setMedium(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setMediumLE(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setInt(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setIntLE(int index, int value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setLong(int index, long value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  protected void _setLongLE(int index, long value) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public ByteBuf setBytes(int index, ByteBuf src, int srcIndex, int length) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public ByteBuf setBytes(int index, byte[] src, int srcIndex, int length) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public ByteBuf setBytes(int index, ByteBuffer src) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public int setBytes(int index, InputStream in, int length) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public int setBytes(int index, ScatteringByteChannel in, int length) {
    throw new ReadOnlyBufferException();
  }

  @Override
  public int setBytes(int index, FileChannel in, long position, int length) {
    throw new ReadOnlyBufferException();
  }
}
