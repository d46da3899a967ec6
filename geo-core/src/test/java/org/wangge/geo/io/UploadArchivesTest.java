package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wangge.geo.io.IoFixtures.fixture;
import static org.wangge.geo.io.IoFixtures.readAll;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadArchivesTest {

  @TempDir Path tmp;

  private Path zip(Charset names, Map<String, byte[]> entries) throws IOException {
    Path zip = Files.createTempFile(tmp, "upload", ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), names)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  private static Map<String, byte[]> shapefile(String base, String folder, String... extensions)
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (String ext : extensions) {
      entries.put(
          base + "." + ext,
          Files.readAllBytes(
              fixture(folder + "/components." + ext.toLowerCase(java.util.Locale.ROOT))));
    }
    return entries;
  }

  @Test
  void extractsAShapefileWithGbkEntryNamesAndReadsIt() throws IOException {
    // Chinese Windows "send to compressed folder": GBK names, no UTF-8 flag
    Map<String, byte[]> entries =
        shapefile("吴江部件/井盖", "components-gk", "shp", "shx", "dbf", "prj", "cpg");
    entries.put("__MACOSX/吴江部件/._井盖.shp", new byte[] {0, 5, 22, 7});
    Path zip = zip(Charset.forName("GBK"), entries);
    Path target = tmp.resolve("out");

    UploadArchives.Extracted extracted =
        UploadArchives.extract(zip, target, UploadArchives.Limits.defaults());

    assertThat(extracted.format()).isEqualTo(SpatialFormat.SHAPEFILE);
    assertThat(extracted.mainFile())
        .isEqualTo(target.resolve("吴江部件").resolve("井盖.shp").toAbsolutePath());
    assertThat(extracted.files()).hasSize(5);
    assertThat(target.resolve("__MACOSX")).doesNotExist();
    assertThat(readAll(Shapefiles.open(extracted.mainFile(), null))).hasSize(20);
  }

  @Test
  void utf8FlaggedNamesStayUtf8() throws IOException {
    Path zip =
        zip(
            StandardCharsets.UTF_8,
            Map.of("道路部件.csv", Files.readAllBytes(fixture("csv/components-gbk.csv"))));

    UploadArchives.Extracted extracted = UploadArchives.extract(zip, tmp.resolve("out"), null);

    assertThat(extracted.mainFile().getFileName().toString()).isEqualTo("道路部件.csv");
    assertThat(extracted.format()).isEqualTo(SpatialFormat.CSV);
  }

  @Test
  void zipSlipIsRejectedAndNothingLandsOutside() throws IOException {
    Path target = tmp.resolve("a").resolve("out");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("ok.csv", "lon,lat\n".getBytes(StandardCharsets.UTF_8));
    entries.put("../evil.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
    Path zip = zip(StandardCharsets.UTF_8, entries);

    assertThatThrownBy(() -> UploadArchives.extract(zip, target, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("'../evil.sh'")
        .hasMessageContaining("zip-slip");
    assertThat(tmp.resolve("a").resolve("evil.sh")).doesNotExist();
    assertThat(target.resolve("ok.csv")).doesNotExist(); // cleaned up

    Path absolute = zip(StandardCharsets.UTF_8, Map.of("/etc/cron.d/evil", new byte[1]));
    assertThatThrownBy(() -> UploadArchives.extract(absolute, target, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("absolute path");
    Path windows = zip(StandardCharsets.UTF_8, Map.of("..\\..\\evil.bat", new byte[1]));
    assertThatThrownBy(() -> UploadArchives.extract(windows, target, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("zip-slip");
  }

  @Test
  void zipBombStopsAtTheLimitCountingInflatedBytes() throws IOException {
    Path zip =
        zip(StandardCharsets.UTF_8, Map.of("bomb.csv", new byte[20 << 20])); // 20 MiB of zeros
    assertThat(Files.size(zip)).isLessThan(100_000);
    Path target = tmp.resolve("out");

    assertThatThrownBy(
            () ->
                UploadArchives.extract(
                    zip, target, new UploadArchives.Limits(1L << 40, 10, 1 << 20)))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("'bomb.csv' inflates to more than 1048576 bytes");
    assertThat(target.resolve("bomb.csv")).doesNotExist();

    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.csv", new byte[600_000]);
    entries.put("b.txt", new byte[600_000]);
    Path two = zip(StandardCharsets.UTF_8, entries);
    assertThatThrownBy(
            () ->
                UploadArchives.extract(
                    two, target, new UploadArchives.Limits(1_000_000, 10, 1_000_000)))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("1000000 bytes in total");
  }

  @Test
  void zipBombWithLyingHeadersIsStillCaught() throws IOException {
    Path zip = zip(StandardCharsets.UTF_8, Map.of("bomb.csv", new byte[4 << 20]));
    byte[] bytes = Files.readAllBytes(zip);
    // Claim 10 bytes uncompressed in the central directory entry (signature PK\1\2, size at +24)
    for (int i = 0; i + 28 < bytes.length; i++) {
      if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
        bytes[i + 24] = 10;
        bytes[i + 25] = 0;
        bytes[i + 26] = 0;
        bytes[i + 27] = 0;
      }
    }
    Files.write(zip, bytes);

    assertThatThrownBy(
            () ->
                UploadArchives.extract(
                    zip, tmp.resolve("out"), new UploadArchives.Limits(1L << 40, 10, 1 << 20)))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("'bomb.csv' inflates to more than 1048576 bytes");
    try (Stream<Path> left = Files.walk(tmp.resolve("out"))) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void tooManyEntriesAreRefusedBeforeExtracting() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      entries.put("f" + i + ".txt", new byte[] {1});
    }
    Path zip = zip(StandardCharsets.UTF_8, entries);

    assertThatThrownBy(
            () ->
                UploadArchives.extract(
                    zip, tmp.resolve("out"), new UploadArchives.Limits(1 << 20, 10, 1 << 20)))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("12 entries")
        .hasMessageContaining("limit of 10");
    assertThat(tmp.resolve("out").resolve("f0.txt")).doesNotExist();
  }

  @Test
  void shapefileWithoutDbfOrShxNamesTheMissingPart() throws IOException {
    Path noDbf = zip(Charset.forName("GBK"), shapefile("井盖", "components-gk", "shp", "shx", "prj"));
    assertThatThrownBy(() -> UploadArchives.extract(noDbf, tmp.resolve("a"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("井盖.shp but not 井盖.dbf")
        .hasMessageContaining("attribute table");

    Path noShx = zip(Charset.forName("GBK"), shapefile("井盖", "components-gk", "SHP", "DBF"));
    assertThatThrownBy(() -> UploadArchives.extract(noShx, tmp.resolve("b"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("井盖.SHP but not 井盖.shx");
  }

  @Test
  void exactlyOneSpatialFileIsRequired() throws IOException {
    Map<String, byte[]> two = new LinkedHashMap<>();
    two.put("a.csv", new byte[] {1});
    two.put("b.geojson", new byte[] {1});
    assertThatThrownBy(
            () -> UploadArchives.extract(zip(StandardCharsets.UTF_8, two), tmp.resolve("a"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("2 spatial files (a.csv, b.geojson)");

    Path none = zip(StandardCharsets.UTF_8, Map.of("readme.txt", new byte[] {1}));
    assertThatThrownBy(() -> UploadArchives.extract(none, tmp.resolve("b"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("no spatial file")
        .hasMessageContaining("readme.txt");

    Path notZip = tmp.resolve("not.zip");
    Files.writeString(notZip, "hello");
    assertThatThrownBy(() -> UploadArchives.extract(notZip, tmp.resolve("c"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("not a readable zip");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new UploadArchives.Limits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(UploadArchives.Limits.defaults().maxTotalBytes()).isEqualTo(2L << 30);
    assertThat(UploadArchives.Limits.defaults().maxEntries()).isEqualTo(10_000);
  }
}
