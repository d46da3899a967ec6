package org.wangge.geo.io.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Streams the records of a dBASE III/IV table ({@code .dbf}) one at a time. Field types C, N, F, L,
 * D and I are decoded to String, Long or Double, Boolean and LocalDate; blank values are {@code
 * null}; other types (memo pointers and the like) come back as trimmed text. Not thread-safe.
 */
public final class DbfReader implements Closeable {

  /** One decoded record. */
  public record Record(long number, boolean deleted, List<Object> values, String problem) {}

  private record Field(String name, char type, int offset, int length, int decimals) {}

  private static final int HEADER_SIZE = 32;

  private final String fileName;
  private final InputStream in;
  private final List<Field> fields;
  private final List<String> names;
  private final Charset charset;
  private final int ldid;
  private final long recordCount;
  private final byte[] record;
  private long read;

  private DbfReader(
      String fileName,
      InputStream in,
      List<Field> fields,
      Charset charset,
      int ldid,
      long recordCount,
      int recordLength) {
    this.fileName = fileName;
    this.in = in;
    this.fields = fields;
    this.charset = charset;
    this.ldid = ldid;
    this.recordCount = recordCount;
    this.record = new byte[recordLength];
    List<String> fieldNames = new ArrayList<>(fields.size());
    fields.forEach(f -> fieldNames.add(f.name()));
    this.names = Collections.unmodifiableList(fieldNames);
  }

  /**
   * Opens a DBF and reads its header.
   *
   * @param charset the encoding to use, or {@code null} to take it from the header's language
   *     driver id, else GBK
   * @throws UnreadableFileException if the header is broken
   */
  public static DbfReader open(Path dbf, Charset charset) throws IOException {
    String fileName = dbf.getFileName().toString();
    long size = Files.size(dbf);
    InputStream in = new BufferedInputStream(Files.newInputStream(dbf), 1 << 16);
    try {
      byte[] header = in.readNBytes(HEADER_SIZE);
      if (header.length < HEADER_SIZE) {
        throw new UnreadableFileException(
            fileName + " is not a dBASE table: it is only " + size + " bytes long");
      }
      long recordCount = Integer.toUnsignedLong(le32(header, 4));
      int headerLength = le16(header, 8);
      int recordLength = le16(header, 10);
      int ldid = header[29] & 0xFF;
      if (headerLength < HEADER_SIZE + 1 || recordLength < 1 || headerLength > size) {
        throw new UnreadableFileException(
            fileName
                + " has a broken header (header length "
                + headerLength
                + ", record length "
                + recordLength
                + ", file size "
                + size
                + ")");
      }
      byte[] descriptors = in.readNBytes(headerLength - HEADER_SIZE);
      Charset resolved = charset != null ? charset : DbfCodePages.forLdid(ldid);
      if (resolved == null) {
        resolved = DbfCodePages.GBK;
      }
      List<Field> fields = fields(fileName, descriptors, resolved, recordLength);
      return new DbfReader(fileName, in, fields, resolved, ldid, recordCount, recordLength);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static List<Field> fields(
      String fileName, byte[] descriptors, Charset charset, int recordLength)
      throws UnreadableFileException {
    List<Field> fields = new ArrayList<>();
    int offset = 1;
    for (int p = 0; p + HEADER_SIZE <= descriptors.length && descriptors[p] != 0x0D; p += 32) {
      int nameEnd = 0;
      while (nameEnd < 11 && descriptors[p + nameEnd] != 0) {
        nameEnd++;
      }
      String name = new String(descriptors, p, nameEnd, charset).trim();
      char type = (char) (descriptors[p + 11] & 0xFF);
      int length = descriptors[p + 16] & 0xFF;
      int decimals = descriptors[p + 17] & 0xFF;
      if (type == 'C') {
        // Clipper and FoxPro keep character field lengths above 255 in the decimal-count byte.
        length |= decimals << 8;
        decimals = 0;
      }
      fields.add(new Field(name, Character.toUpperCase(type), offset, length, decimals));
      offset += length;
    }
    if (offset > recordLength) {
      throw new UnreadableFileException(
          fileName
              + " has a broken header: its fields need "
              + offset
              + " bytes per record but records are "
              + recordLength
              + " bytes long");
    }
    return List.copyOf(fields);
  }

  public List<String> fieldNames() {
    return names;
  }

  public Charset charset() {
    return charset;
  }

  public int languageDriverId() {
    return ldid;
  }

  /** The record count the header declares, deleted records included. */
  public long recordCount() {
    return recordCount;
  }

  /**
   * The next record, deleted ones included (flagged), or {@code null} after the last. A record cut
   * short by the end of the file comes back with a problem and no values.
   */
  public Record next() throws IOException {
    if (read >= recordCount) {
      return null;
    }
    long number = ++read;
    int n = in.readNBytes(record, 0, record.length);
    if (n == 0 || (n == 1 && record[0] == 0x1A)) {
      read = recordCount;
      return new Record(
          number,
          false,
          List.of(),
          "record "
              + number
              + " is missing from "
              + fileName
              + ": its header declares "
              + recordCount
              + " records but the file ends early");
    }
    if (n < record.length) {
      read = recordCount;
      return new Record(
          number, false, List.of(), "record " + number + " of " + fileName + " is truncated");
    }
    if (record[0] == '*') {
      return new Record(number, true, List.of(), null);
    }
    List<Object> values = new ArrayList<>(fields.size());
    String problem = null;
    for (Field field : fields) {
      try {
        values.add(decode(field));
      } catch (IllegalArgumentException | DateTimeException e) {
        values.add(null);
        if (problem == null) {
          problem = "row " + number + ": field " + field.name() + " " + e.getMessage();
        }
      }
    }
    return new Record(number, false, values, problem);
  }

  private Object decode(Field field) {
    int start = field.offset();
    int end = start + field.length();
    switch (field.type()) {
      case 'I', '+':
        return field.length() == 4 ? (long) le32(record, start) : text(start, end);
      case 'O':
        return field.length() == 8
            ? Double.longBitsToDouble(le64(record, start))
            : text(start, end);
      default:
        break;
    }
    while (start < end && isPadding(record[start])) {
      start++;
    }
    while (end > start && isPadding(record[end - 1])) {
      end--;
    }
    if (start == end) {
      return null;
    }
    return switch (field.type()) {
      case 'N', 'F' -> number(field, start, end);
      case 'L' -> logical(record[start]);
      case 'D' -> date(start, end);
      default -> new String(record, start, end - start, charset);
    };
  }

  private String text(int start, int end) {
    String value = new String(record, start, end - start, charset).trim();
    return value.isEmpty() ? null : value;
  }

  private Object number(Field field, int start, int end) {
    String text = new String(record, start, end - start, StandardCharsets.ISO_8859_1);
    if (text.chars().allMatch(c -> c == '*')) {
      return null; // dBASE's overflow marker
    }
    try {
      if (field.decimals() == 0
          && text.indexOf('.') < 0
          && text.indexOf('e') < 0
          && text.indexOf('E') < 0) {
        try {
          return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException tooLong) {
          if (text.matches("[+-]?\\d+")) {
            return text; // an identifier wider than a long: keep every digit
          }
          throw tooLong;
        }
      }
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
  }

  private static Boolean logical(byte b) {
    return switch (b) {
      case 'T', 't', 'Y', 'y' -> Boolean.TRUE;
      case 'F', 'f', 'N', 'n' -> Boolean.FALSE;
      default -> null; // '?' = not initialised
    };
  }

  private LocalDate date(int start, int end) {
    String text = new String(record, start, end - start, StandardCharsets.ISO_8859_1);
    if (text.equals("00000000")) {
      return null;
    }
    if (text.length() != 8 || !text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' is not a date (YYYYMMDD)");
    }
    try {
      return LocalDate.of(
          Integer.parseInt(text.substring(0, 4)),
          Integer.parseInt(text.substring(4, 6)),
          Integer.parseInt(text.substring(6, 8)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid date");
    }
  }

  private static boolean isPadding(byte b) {
    return b == ' ' || b == 0;
  }

  static int le16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  static int le32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }

  private static long le64(byte[] b, int p) {
    return Integer.toUnsignedLong(le32(b, p)) | (long) le32(b, p + 4) << 32;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
