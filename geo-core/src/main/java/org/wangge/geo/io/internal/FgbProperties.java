package org.wangge.geo.io.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wololo.flatgeobuf.generated.ColumnType;

/**
 * Decodes a FlatGeobuf feature's property buffer: a sequence of (little-endian {@code ushort}
 * column index, value) pairs, the value encoded by the column's type; strings, JSON, date-times and
 * binaries are a {@code uint} length followed by the bytes. Stateless and thread-safe.
 */
final class FgbProperties {

  private static final Pattern LOCAL_MIDNIGHT =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ]00:00(?::00(?:\\.0+)?)?)?");

  private FgbProperties() {}

  /**
   * Sets {@code values[column]} for every property in {@code buffer}.
   *
   * @throws IllegalArgumentException or another runtime exception when the buffer is corrupt
   */
  static void decode(ByteBuffer buffer, int[] columnTypes, List<Object> values) {
    while (buffer.hasRemaining()) {
      int column = Short.toUnsignedInt(buffer.getShort());
      if (column >= columnTypes.length) {
        throw new IllegalArgumentException(
            "column index " + column + " but the header has " + columnTypes.length + " columns");
      }
      values.set(column, read(buffer, columnTypes[column]));
    }
  }

  private static Object read(ByteBuffer b, int type) {
    return switch (type) {
      case ColumnType.Byte -> (long) b.get();
      case ColumnType.UByte -> (long) Byte.toUnsignedInt(b.get());
      case ColumnType.Bool -> b.get() != 0;
      case ColumnType.Short -> (long) b.getShort();
      case ColumnType.UShort -> (long) Short.toUnsignedInt(b.getShort());
      case ColumnType.Int -> (long) b.getInt();
      case ColumnType.UInt -> Integer.toUnsignedLong(b.getInt());
      case ColumnType.Long -> b.getLong();
      case ColumnType.ULong -> {
        long v = b.getLong();
        yield v >= 0 ? (Object) v : Long.toUnsignedString(v);
      }
      case ColumnType.Float -> Double.valueOf(Float.toString(b.getFloat()));
      case ColumnType.Double -> b.getDouble();
      case ColumnType.String, ColumnType.Json -> new String(bytes(b), StandardCharsets.UTF_8);
      case ColumnType.DateTime -> dateTime(new String(bytes(b), StandardCharsets.UTF_8));
      case ColumnType.Binary -> Base64.getEncoder().encodeToString(bytes(b));
      default -> throw new IllegalArgumentException("unknown column type " + type);
    };
  }

  private static Object dateTime(String text) {
    Matcher m = LOCAL_MIDNIGHT.matcher(text.trim());
    if (m.matches()) {
      try {
        return LocalDate.parse(m.group(1));
      } catch (java.time.format.DateTimeParseException e) {
        return text;
      }
    }
    return text;
  }

  private static byte[] bytes(ByteBuffer b) {
    long length = Integer.toUnsignedLong(b.getInt());
    if (length > b.remaining()) {
      throw new IllegalArgumentException(
          "a value claims " + length + " bytes, only " + b.remaining() + " remain");
    }
    byte[] bytes = new byte[(int) length];
    b.get(bytes);
    return bytes;
  }
}
