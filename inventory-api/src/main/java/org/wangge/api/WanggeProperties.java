package org.wangge.api;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Wangge's own settings ({@code wangge.*}).
 *
 * @param scale the sample district to load into an empty database: {@code demo}, {@code wujiang} or
 *     {@code none}; {@code --scale=wujiang} on the command line sets it
 * @param district the seed district code of the sample (default 吴江区 320509)
 * @param jdbcUrl the JDBC URL Flyway migrates through; derived from {@code spring.r2dbc.url} when
 *     empty
 * @param importDir where uploads are kept while an import job runs
 */
@ConfigurationProperties("wangge")
public record WanggeProperties(
    String scale, String district, String jdbcUrl, Path importDir, Limits imports) {

  public WanggeProperties {
    scale = scale == null ? "demo" : scale;
    district = district == null ? "320509" : district;
    importDir =
        importDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "wangge-imports")
            : importDir;
    imports = imports == null ? new Limits(512L << 20, 4L << 30, 10_000) : imports;
  }

  /** The archive limits for {@code UploadArchives}: unpacked total, entries, largest entry. */
  public org.wangge.geo.io.UploadArchives.Limits archiveLimits() {
    return new org.wangge.geo.io.UploadArchives.Limits(
        imports.maxUnpackedBytes(), imports.maxEntries(), imports.maxUnpackedBytes());
  }

  /**
   * Upload limits.
   *
   * @param maxUploadBytes largest accepted upload
   * @param maxUnpackedBytes largest total of an archive's unpacked entries
   * @param maxEntries most entries in an archive
   */
  public record Limits(long maxUploadBytes, long maxUnpackedBytes, int maxEntries) {}
}
