package org.wangge.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The body buffer read through every {@link ByteBuf} read path a test can reach gives exactly the
 * bytes of the pieces joined, which is what a {@link CompositeByteBuf} of slices of the same ranges
 * (the layout it replaced) gives, including from a moved reader index as after a partial write.
 */
class RunsByteBufTest {

  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

  /** Pieces over two shared direct buffers, some empty, some of one byte, some adjacent. */
  private record Pieces(
      ByteBuffer[] bases, int[] offsets, int[] ends, int count, byte[] joined, ByteBuf composite) {

    RunsByteBuf buf(ByteBuf owned) {
      return new RunsByteBuf(ALLOC, owned, bases, offsets, ends, count);
    }
  }

  private static Pieces pieces(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer[] shared = {direct(random, 5000), direct(random, 300)};
    ByteBuffer[] bases = new ByteBuffer[count];
    int[] offsets = new int[count];
    int[] ends = new int[count];
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    CompositeByteBuf composite = Unpooled.compositeBuffer(Math.max(count, 2));
    for (int p = 0; p < count; p++) {
      ByteBuffer base = shared[random.nextInt(2)];
      int length =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> random.nextInt(1, 200);
          };
      int offset = random.nextInt(base.capacity() - length + 1);
      bases[p] = base;
      offsets[p] = offset;
      ends[p] = (p == 0 ? 0 : ends[p - 1]) + length;
      byte[] bytes = new byte[length];
      base.get(offset, bytes);
      joined.writeBytes(bytes);
      composite.addComponent(true, Unpooled.wrappedBuffer(base.slice(offset, length)));
    }
    return new Pieces(bases, offsets, ends, count, joined.toByteArray(), composite);
  }

  private static ByteBuffer direct(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return ByteBuffer.allocateDirect(size).put(bytes).flip();
  }

  @ParameterizedTest(name = "{0} pieces")
  @ValueSource(ints = {1, 2, 3, 10, 200})
  void everyReadGivesTheJoinedPiecesLikeTheComposite(int count) throws Exception {
    Pieces pieces = pieces(count, count);
    byte[] all = pieces.joined();
    ByteBuf buf = pieces.buf(null);
    assertThat(buf.readableBytes()).isEqualTo(all.length).isEqualTo(pieces.composite().capacity());
    assertThat(buf.capacity()).isEqualTo(all.length);
    assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(all);
    assertThat(ByteBufUtil.getBytes(pieces.composite())).isEqualTo(all);
    assertThat(ByteBufUtil.equals(buf, pieces.composite())).isTrue();
    assertThat(buf.hashCode()).isEqualTo(pieces.composite().hashCode());
    assertThat(buf.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(all, StandardCharsets.ISO_8859_1));

    SplittableRandom random = new SplittableRandom(count * 31L);
    for (int t = 0; t < 300; t++) {
      int index = random.nextInt(all.length + 1);
      int length = random.nextInt(all.length - index + 1);
      byte[] expected = Arrays.copyOfRange(all, index, index + length);
      byte[][] reads = read(buf, index, length);
      for (int r = 0; r < reads.length; r++) {
        assertThat(reads[r])
            .as("read path %d at %d, %d bytes", r, index, length)
            .isEqualTo(expected);
      }
      if (length >= 8) {
        ByteBuf plain = Unpooled.wrappedBuffer(expected);
        assertThat(buf.getByte(index)).isEqualTo(plain.getByte(0));
        assertThat(buf.getUnsignedByte(index)).isEqualTo(plain.getUnsignedByte(0));
        assertThat(buf.getShort(index)).isEqualTo(plain.getShort(0));
        assertThat(buf.getShortLE(index)).isEqualTo(plain.getShortLE(0));
        assertThat(buf.getUnsignedMedium(index)).isEqualTo(plain.getUnsignedMedium(0));
        assertThat(buf.getUnsignedMediumLE(index)).isEqualTo(plain.getUnsignedMediumLE(0));
        assertThat(buf.getInt(index)).isEqualTo(plain.getInt(0));
        assertThat(buf.getIntLE(index)).isEqualTo(plain.getIntLE(0));
        assertThat(buf.getLong(index)).isEqualTo(plain.getLong(0));
        assertThat(buf.getLongLE(index)).isEqualTo(plain.getLongLE(0));
        assertThat(buf.indexOf(index, index + length, expected[length - 1]))
            .isEqualTo(index + indexOf(expected, expected[length - 1]));
      }
    }

    // reading it through: the reader index moves as after partial writes
    ByteBuf reader = buf.duplicate();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (reader.isReadable()) {
      int step = Math.min(reader.readableBytes(), random.nextInt(1, 97));
      int before = reader.readerIndex();
      assertThat(joined(reader.nioBuffers(reader.readerIndex(), reader.readableBytes())))
          .isEqualTo(Arrays.copyOfRange(all, before, all.length));
      byte[] bytes = new byte[step];
      reader.readBytes(bytes);
      out.writeBytes(bytes);
    }
    assertThat(out.toByteArray()).isEqualTo(all);

    // slices and copies read the same bytes
    if (all.length > 4) {
      int from = all.length / 3;
      int length = all.length / 2;
      assertThat(ByteBufUtil.getBytes(buf.slice(from, length)))
          .isEqualTo(Arrays.copyOfRange(all, from, from + length));
      ByteBuf copy = buf.copy(from, length);
      assertThat(ByteBufUtil.getBytes(copy))
          .isEqualTo(Arrays.copyOfRange(all, from, from + length));
      copy.release();
    }
    assertThat(buf.release()).isTrue();
  }

  /** The bytes of {@code [index, index + length)} through each bulk read path. */
  private static byte[][] read(ByteBuf buf, int index, int length) throws Exception {
    byte[] array = new byte[length + 3];
    buf.getBytes(index, array, 3, length);
    ByteBuf heap = Unpooled.buffer(length + 5);
    buf.getBytes(index, heap, 5, length);
    ByteBuf direct = Unpooled.directBuffer(length);
    buf.getBytes(index, direct, 0, length);
    ByteBuffer nio = ByteBuffer.allocate(length);
    buf.getBytes(index, nio);
    ByteBuffer nioDirect = ByteBuffer.allocateDirect(length);
    buf.getBytes(index, nioDirect);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    buf.getBytes(index, stream, length);
    Pipe pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    ByteArrayOutputStream piped = new ByteArrayOutputStream();
    int written = 0;
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    while (written < length) {
      written += buf.getBytes(index + written, pipe.sink(), length - written);
      int n;
      while ((n = pipe.source().read(chunk.clear())) > 0) {
        piped.write(chunk.array(), 0, n);
      }
    }
    pipe.sink().close();
    pipe.source().close();
    byte[][] reads = {
      Arrays.copyOfRange(array, 3, 3 + length),
      Arrays.copyOfRange(heap.array(), 5, 5 + length),
      ByteBufUtil.getBytes(direct, 0, length),
      nio.array(),
      bytes(nioDirect.flip()),
      stream.toByteArray(),
      piped.toByteArray(),
      bytes(buf.nioBuffer(index, length)),
      joined(buf.nioBuffers(index, length)),
      ByteBufUtil.getBytes(buf, index, length),
    };
    direct.release();
    return reads;
  }

  @Test
  void aFileChannelGetsTheSameBytes(@TempDir Path dir) throws Exception {
    Pieces pieces = pieces(50, 5);
    ByteBuf buf = pieces.buf(null);
    Path file = dir.resolve("body");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      assertThat(buf.getBytes(0, channel, 7, buf.readableBytes())).isEqualTo(buf.readableBytes());
    }
    byte[] written = Files.readAllBytes(file);
    assertThat(Arrays.copyOfRange(written, 7, written.length)).isEqualTo(pieces.joined());
  }

  @Test
  void theNioBuffersAreThePiecesThemselvesShareTheirMemoryAndSkipEmptyOnes() {
    Pieces pieces = pieces(40, 11);
    ByteBuf buf = pieces.buf(null);
    ByteBuffer[] nio = buf.nioBuffers(0, buf.readableBytes());
    long nonEmpty =
        Arrays.stream(pieces.ends()).distinct().count() - (pieces.ends()[0] == 0 ? 1 : 0);
    assertThat(nio).hasSize((int) nonEmpty).allMatch(ByteBuffer::isDirect);
    assertThat(buf.nioBufferCount()).isEqualTo(40);
    assertThat(buf.isDirect()).isTrue();
    assertThat(buf.hasMemoryAddress()).isFalse();
    assertThat(buf.hasArray()).isFalse();
    // a piece's nio buffer is a view, not a copy
    int p = 0;
    while (pieces.ends()[p] == 0) {
      p++;
    }
    ByteBuffer first = buf.nioBuffer(0, 1);
    byte old = pieces.bases()[p].get(pieces.offsets()[p]);
    pieces.bases()[p].put(pieces.offsets()[p], (byte) (old + 1));
    assertThat(first.get(0)).isEqualTo((byte) (old + 1));
    assertThat(buf.internalNioBuffer(0, 1).get(0)).isEqualTo((byte) (old + 1));
  }

  @Test
  void itIsReadOnlyAndReleasesWhatItOwnsOnce() {
    ByteBuf owned = Unpooled.directBuffer(4).writeInt(1);
    ByteBuf buf = pieces(5, 3).buf(owned);
    assertThat(buf.isReadOnly()).isTrue();
    assertThatThrownBy(() -> buf.setByte(0, 1)).isInstanceOf(ReadOnlyBufferException.class);
    assertThatThrownBy(() -> buf.setBytes(0, new byte[1]))
        .isInstanceOf(ReadOnlyBufferException.class);
    assertThatThrownBy(() -> buf.capacity(100)).isInstanceOf(ReadOnlyBufferException.class);
    assertThatThrownBy(() -> buf.writeByte(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> buf.getByte(buf.capacity()))
        .isInstanceOf(IndexOutOfBoundsException.class);
    buf.retain();
    assertThat(buf.release()).isFalse();
    assertThat(owned.refCnt()).isEqualTo(1);
    assertThat(buf.release()).isTrue();
    assertThat(owned.refCnt()).isZero();
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] joined(ByteBuffer[] buffers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : buffers) {
      out.writeBytes(bytes(b));
    }
    return out.toByteArray();
  }
}
