package org.wangge.geo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

final class IoFixtures {

  private IoFixtures() {}

  static Path fixture(String relative) {
    try {
      return Path.of(IoFixtures.class.getResource("/io/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies every file of a fixture folder into {@code dir}. */
  static Path copyFolder(String folder, Path dir) {
    try (Stream<Path> files = Files.list(fixture(folder))) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<SourceFeature> readAll(FeatureReader reader) throws IOException {
    try (reader) {
      List<SourceFeature> features = new ArrayList<>();
      for (SourceFeature f = reader.next(); f != null; f = reader.next()) {
        features.add(f);
      }
      return features;
    }
  }

  static Object value(FeatureReader reader, SourceFeature feature, String field) {
    int i = reader.fieldNames().indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException(field + " not in " + reader.fieldNames());
    }
    return feature.values().get(i);
  }
}
