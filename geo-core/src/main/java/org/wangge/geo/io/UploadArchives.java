package org.wangge.geo.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.wangge.geo.io.internal.ZipExtraction;

/**
 * Unpacks an uploaded zip and finds the spatial file in it.
 *
 * <p>Safe against hostile archives: entries with absolute paths or {@code ..} segments (zip-slip)
 * reject the whole upload; the entry count is checked before extracting; sizes are counted on the
 * bytes actually inflated, so a zip bomb stops at the limit whatever its headers claim. On
 * rejection the files already written are deleted. Entry names without the UTF-8 flag are read as
 * UTF-8 when valid, else GBK (Chinese Windows zips). {@code __MACOSX/}, {@code ._*} and {@code
 * .DS_Store} entries are skipped. Stateless and thread-safe (not for the same target folder).
 */
public final class UploadArchives {

  /**
   * Extraction limits.
   *
   * @param maxTotalBytes uncompressed bytes over all entries
   * @param maxEntries entries in the archive, directories included
   * @param maxEntryBytes uncompressed bytes of one entry
   */
  public record Limits(long maxTotalBytes, int maxEntries, long maxEntryBytes) {

    public Limits {
      if (maxTotalBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0) {
        throw new IllegalArgumentException(
            "zip limits must be positive: total "
                + maxTotalBytes
                + " bytes, "
                + maxEntries
                + " entries, "
                + maxEntryBytes
                + " bytes per entry");
      }
    }

    /** 2 GiB in total, 10,000 entries, 2 GiB per entry. */
    public static Limits defaults() {
      return new Limits(2L << 30, 10_000, 2L << 30);
    }
  }

  /**
   * An extracted upload.
   *
   * @param mainFile the one spatial file ({@code .shp}, {@code .gpkg}, {@code .geojson}, {@code
   *     .fgb} or {@code .csv})
   * @param format its format
   * @param files every extracted file, in archive order
   */
  public record Extracted(Path mainFile, SpatialFormat format, List<Path> files) {
    public Extracted {
      files = List.copyOf(files);
    }
  }

  private UploadArchives() {}

  /**
   * Extracts {@code zip} into {@code targetDir} (created if missing) and finds its spatial file.
   *
   * @throws UnreadableFileException for an unsafe path, a limit exceeded, a corrupt archive, no or
   *     several spatial files, or a Shapefile without its {@code .shx} or {@code .dbf} (named)
   */
  public static Extracted extract(Path zip, Path targetDir, Limits limits) throws IOException {
    Limits l = limits == null ? Limits.defaults() : limits;
    ZipExtraction extraction =
        new ZipExtraction(zip, targetDir, l.maxTotalBytes(), l.maxEntries(), l.maxEntryBytes());
    List<Path> files = extraction.extract(zip);
    List<String> names = extraction.names();
    String archive = zip.getFileName().toString();

    List<Integer> main = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (format(names.get(i)) != null) {
        main.add(i);
      }
    }
    if (main.isEmpty()) {
      throw new UnreadableFileException(
          archive
              + " holds no spatial file: expected one .shp (with .shx and .dbf), .gpkg, .geojson,"
              + " .fgb or .csv; it holds "
              + (names.isEmpty() ? "nothing" : names));
    }
    if (main.size() > 1) {
      throw new UnreadableFileException(
          archive
              + " holds "
              + main.size()
              + " spatial files ("
              + main.stream().map(names::get).collect(Collectors.joining(", "))
              + "); upload one data set per archive");
    }
    int index = main.get(0);
    String mainName = names.get(index);
    SpatialFormat format = format(mainName);
    if (format == SpatialFormat.SHAPEFILE) {
      requirePart(archive, mainName, names, "shx", "the shape index");
      requirePart(archive, mainName, names, "dbf", "the attribute table");
    }
    return new Extracted(files.get(index), format, files);
  }

  private static void requirePart(
      String archive, String shp, List<String> names, String extension, String what)
      throws UnreadableFileException {
    String wanted = shp.substring(0, shp.length() - 3) + extension;
    if (names.stream().noneMatch(n -> n.equalsIgnoreCase(wanted))) {
      throw new UnreadableFileException(
          archive
              + " holds "
              + shp
              + " but not "
              + wanted
              + " ("
              + what
              + "): a Shapefile needs its .shp, .shx and .dbf; add the missing file to the zip");
    }
  }

  private static SpatialFormat format(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (SpatialFormat format : SpatialFormat.values()) {
      if (lower.endsWith("." + format.extension())) {
        return format;
      }
    }
    return null;
  }
}
