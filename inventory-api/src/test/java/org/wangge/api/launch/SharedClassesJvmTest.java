package org.wangge.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedClassesJvmTest {

  @TempDir Path tmp;

  /** The child's main class in the tests: exits with the code it is given. */
  public static final class ExitWith {
    public static void main(String[] args) {
      System.exit(Integer.parseInt(args[0]));
    }
  }

  private SharedClassesJvm plan(List<String> options, int feature) {
    return SharedClassesJvm.plan(
        tmp,
        List.of(tmp.resolve("app.jar")),
        "org.example.App",
        new String[] {"--a=1"},
        options,
        feature,
        "jdk build");
  }

  @Test
  void recordsAtTheFirstStartAndMapsAfterwardsPerJdk() throws Exception {
    SharedClassesJvm first = plan(List.of("-Xmx1g", "-Dx=y"), 17);
    assertThat(first.command())
        .contains("-Xmx1g", "-Dx=y", "-XX:ArchiveClassesAtExit=" + first.written())
        .containsSubsequence("-cp", tmp.resolve("app.jar").toString(), "org.example.App", "--a=1")
        .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
    assertThat(first.written().getParent()).isEqualTo(tmp);

    Files.writeString(first.archive(), "archive");
    SharedClassesJvm later = plan(List.of(), 17);
    assertThat(later.written()).isNull();
    assertThat(later.command())
        .contains("-XX:SharedArchiveFile=" + first.archive())
        .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));

    assertThat(plan(List.of(), 21).command())
        .contains("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + first.archive());
    SharedClassesJvm aot = plan(List.of(), 25);
    assertThat(aot.command()).contains("-XX:AOTCacheOutput=" + aot.written());
    Files.writeString(aot.archive(), "cache");
    assertThat(plan(List.of(), 25).command()).contains("-XX:AOTCache=" + aot.archive());
  }

  @Test
  void aFirstStartRemovesTheRecordingsOfLaunchersThatAreGoneAndKeepsTheLiveOnes() throws Exception {
    Path archive = plan(List.of(), 17).archive();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path orphan = archive.resolveSibling(archive.getFileName() + "." + gone.pid() + ".tmp");
    Path live =
        archive.resolveSibling(
            archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Path other = tmp.resolve("notes." + gone.pid() + ".tmp");
    for (Path p : List.of(orphan, live, other)) {
      Files.writeString(p, "recording");
    }

    SharedClassesJvm next = plan(List.of(), 17);

    assertThat(orphan).doesNotExist();
    assertThat(live).exists();
    assertThat(other).exists();
    assertThat(next.written()).isEqualTo(live);
  }

  @Test
  void explicitCollectionsRunConcurrentlyUnlessTheUserSaysOtherwise() {
    // the JVM takes the last of two settings of a flag: ours first, the user's after it
    assertThat(plan(List.of("-Xmx1g"), 17).command())
        .containsSubsequence(SharedClassesJvm.CONCURRENT_EXPLICIT_GC, "-Xmx1g", "org.example.App");
    assertThat(plan(List.of("-XX:-ExplicitGCInvokesConcurrent"), 25).command())
        .containsSubsequence(
            SharedClassesJvm.CONCURRENT_EXPLICIT_GC, "-XX:-ExplicitGCInvokesConcurrent");
  }

  @Test
  void survivorsOfOneYoungCollectionAreTenuredUnlessTheUserSaysOtherwise() {
    assertThat(plan(List.of("-Xmx1g"), 17).command())
        .containsSubsequence(
            SharedClassesJvm.TENURE_AT_FIRST_SURVIVAL, "-Xmx1g", "org.example.App");
    assertThat(plan(List.of("-XX:MaxTenuringThreshold=15"), 25).command())
        .containsSubsequence(
            SharedClassesJvm.TENURE_AT_FIRST_SURVIVAL, "-XX:MaxTenuringThreshold=15");
  }

  @Test
  void asksForHugePagesForTheHeapOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
    Path setting = tmp.resolve("enabled");
    Files.writeString(setting, "always [madvise] never\n");
    assertThat(SharedClassesJvm.hugePages(setting))
        .containsExactly(SharedClassesJvm.HEAP_IN_HUGE_PAGES);
    Files.writeString(setting, "[always] madvise never\n");
    assertThat(SharedClassesJvm.hugePages(setting)).isEmpty();
    Files.writeString(setting, "always madvise [never]\n");
    assertThat(SharedClassesJvm.hugePages(setting)).isEmpty();
    assertThat(SharedClassesJvm.hugePages(tmp.resolve("absent"))).isEmpty();
  }

  @Test
  void theUsersOwnHugePageChoiceComesLastAndWins() {
    List<String> ours = SharedClassesJvm.hugePages(SharedClassesJvm.TRANSPARENT_HUGE_PAGES);
    List<String> command = plan(List.of("-XX:-UseTransparentHugePages"), 17).command();
    assertThat(command)
        .containsSubsequence(List.of("-XX:-UseTransparentHugePages", "org.example.App"));
    if (!ours.isEmpty()) {
      assertThat(command)
          .containsSubsequence(SharedClassesJvm.HEAP_IN_HUGE_PAGES, "-XX:-UseTransparentHugePages");
    }
  }

  @Test
  void stepsAsideForTheUsersOwnClassSharingOrAgentOptions() {
    for (String option :
        List.of(
            "-XX:SharedArchiveFile=/x.jsa",
            "-Xshare:off",
            "-XX:AOTCache=/x.aot",
            "-javaagent:/agent.jar",
            "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")) {
      assertThat(plan(List.of("-Xmx1g", option), 17)).as(option).isNull();
    }
  }

  @Test
  void theChildsExitCodeComesBackAndItsArchiveServesTheNextStart() throws Exception {
    Path jar = tmp.resolve("exit.jar");
    String entry = ExitWith.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        InputStream in = ExitWith.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new ZipEntry(entry));
      in.transferTo(out);
    }
    SharedClassesJvm first = exitingWith(jar, 7);

    assertThat(first.run()).isEqualTo(7);
    assertThat(first.archive()).isNotEmptyFile();
    if (first.written() != null) {
      assertThat(first.written()).doesNotExist();
    }

    SharedClassesJvm second = exitingWith(jar, 3);
    assertThat(second.written()).isNull();
    assertThat(second.run()).isEqualTo(3);
  }

  /** A child on this JDK that runs {@link ExitWith} from {@code jar} with {@code code}. */
  private SharedClassesJvm exitingWith(Path jar, int code) {
    return SharedClassesJvm.plan(
        tmp,
        List.of(jar),
        ExitWith.class.getName(),
        new String[] {String.valueOf(code)},
        List.of("-Xmx64m"),
        Runtime.version().feature(),
        "this jdk");
  }
}
