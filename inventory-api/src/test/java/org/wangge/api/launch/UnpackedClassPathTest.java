package org.wangge.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedClassPathTest {

  @TempDir Path tmp;

  private Path fatJar(String name, String classContent) throws IOException {
    Path jar = tmp.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
      put(zip, "org/springframework/boot/loader/launch/JarLauncher.class", "loader");
      zip.putNextEntry(new ZipEntry("BOOT-INF/classes/"));
      zip.putNextEntry(new ZipEntry("BOOT-INF/classes/org/"));
      zip.putNextEntry(new ZipEntry("BOOT-INF/classes/org/example/"));
      put(zip, "BOOT-INF/classes/org/example/App.class", classContent);
      put(zip, "BOOT-INF/classes/application.yaml", "a: 1\n");
      put(zip, "BOOT-INF/lib/b.jar", "jar b");
      put(zip, "BOOT-INF/lib/a.jar", "jar a");
      put(zip, "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/b.jar\"\n- \"BOOT-INF/lib/a.jar\"\n");
    }
    return jar;
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static List<String> copies(Path root) throws IOException {
    try (Stream<Path> all = Files.list(root)) {
      return all.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".app.jar.unpacked-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void unpacksClassesAndNestedJarsOnlyAndKeepsTheIndexOrder() throws Exception {
    Path jar = fatJar("app.jar", "v1");
    Path dir = UnpackedClassPath.unpack(jar, tmp);

    assertThat(dir.getParent()).isEqualTo(tmp);
    assertThat(dir.resolve("BOOT-INF/classes/org/example/App.class")).hasContent("v1");
    assertThat(dir.resolve("BOOT-INF/lib/a.jar")).hasContent("jar a");
    assertThat(dir.resolve("org/springframework/boot/loader/launch/JarLauncher.class"))
        .doesNotExist();
    // the same classes as a jar, directories included (class loaders find packages by them)
    try (ZipFile classes = new ZipFile(dir.resolve(UnpackedClassPath.CLASSES_JAR).toFile())) {
      assertThat(classes.stream().map(ZipEntry::getName))
          .containsExactlyInAnyOrder(
              "org/", "org/example/", "org/example/App.class", "application.yaml");
      assertThat(classes.getInputStream(classes.getEntry("org/example/App.class")).readAllBytes())
          .isEqualTo("v1".getBytes(StandardCharsets.UTF_8));
    }
    List<URL> cp = UnpackedClassPath.classPath(dir);
    assertThat(cp)
        .containsExactly(
            dir.resolve("BOOT-INF/classes").toUri().toURL(),
            dir.resolve("BOOT-INF/lib/b.jar").toUri().toURL(),
            dir.resolve("BOOT-INF/lib/a.jar").toUri().toURL());
  }

  @Test
  void reusesTheCopyOfTheSameJarAndReplacesTheCopyOfAnOlderBuild() throws Exception {
    Path jar = fatJar("app.jar", "v1");
    Path first = UnpackedClassPath.unpack(jar, tmp);
    // a marker that survives only if the copy is reused, not made again
    Files.writeString(first.resolve("marker"), "x");
    assertThat(UnpackedClassPath.unpack(jar, tmp)).isEqualTo(first);
    assertThat(first.resolve("marker")).exists();

    // a new build of the same jar name: a new copy with the new classes, the old one removed
    Files.delete(jar);
    fatJar("app.jar", "v2-longer");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    Path second = UnpackedClassPath.unpack(jar, tmp);
    assertThat(second).isNotEqualTo(first);
    assertThat(second.resolve("BOOT-INF/classes/org/example/App.class")).hasContent("v2-longer");
    assertThat(copies(tmp)).containsExactly(second.getFileName().toString());
  }

  @Test
  void anUnfinishedCopyIsNotUsed() throws Exception {
    Path jar = fatJar("app.jar", "v1");
    Path dir = UnpackedClassPath.unpack(jar, tmp);
    // as if a JVM died half-way through an older layout: no completion marker
    Files.delete(dir.resolve(".complete"));
    Files.delete(dir.resolve("BOOT-INF/lib/a.jar"));

    Path again = UnpackedClassPath.unpack(jar, tmp);
    assertThat(again.resolve("BOOT-INF/lib/a.jar")).hasContent("jar a");
    assertThat(again.resolve(".complete")).exists();
  }

  @Test
  void doesNothingOutsideAnExecutableJar() throws Exception {
    // tests and IDEs load this class from a plain class path
    assertThat(UnpackedClassPath.launchedJar(UnpackedClassPathTest.class)).isNull();
    assertThat(UnpackedClassPath.relaunch(UnpackedClassPathTest.class, new String[0])).isFalse();
  }
}
