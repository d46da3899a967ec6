package org.wangge.api.launch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the application in a child JVM over the unpacked class path with a class-data-sharing
 * archive of this build's classes, made by the first start and used by every later one.
 *
 * <p>Why: with the Wujiang inventory a start spends most of its CPU loading, verifying and
 * compiling the classes of Spring, Netty and HiveMQ; a shared archive holds them parsed and
 * verified (JDK 24+: linked too, with their profiles), which took 4–5 s off the start on two cores
 * (docs/benchmarks.md, "Start-up, fifth pass"). The archive needs options before the main class,
 * which the README's {@code java -jar} command cannot carry; so the launcher JVM starts the
 * application's JVM with them, the way a shell script would.
 *
 * <p>Per JDK: 17–18 record at the first start ({@code -XX:ArchiveClassesAtExit}, written when that
 * start stops) and map it afterwards ({@code -XX:SharedArchiveFile}); 19–24 let the JVM keep the
 * archive current ({@code -XX:+AutoCreateSharedArchive}); 25+ use the ahead-of-time cache ({@code
 * -XX:AOTCacheOutput}, then {@code -XX:AOTCache}). An archive is per JDK build and lives in the
 * unpacked copy, so a new build of the jar starts a new one. A damaged or foreign archive is
 * ignored by the JVM ({@code -Xshare:auto}, the default). The child gets the launcher's JVM
 * options, its standard streams, its working directory and environment; the launcher forwards a
 * stop (SIGTERM, SIGINT, SIGHUP) to it, waits for it and exits with its exit code; the child stops
 * when the launcher dies. Not used when the command line already has class-sharing or agent
 * options.
 */
final class SharedClassesJvm {

  /** The launcher's start (epoch ms), so that the child reports start-up times from the launch. */
  static final String LAUNCHED_AT = "wangge.launched-at";

  /** The launcher's pid: the child stops when that process is gone. */
  static final String LAUNCHER_PID = "wangge.launcher-pid";

  /**
   * The embedded HiveMQ calls {@code System.gc()} once its broker is up ("Starting initial garbage
   * collection after startup"), which comes after the ready line since the broker starts after the
   * index rebuild: with G1's default that is a full, stop-the-world collection of the ~300 MB
   * inventory (0.3–0.9 s) while the service already answers. As a concurrent cycle it does not stop
   * it; direct buffers still get their explicit collections, unlike with {@code
   * -XX:+DisableExplicitGC}.
   */
  static final String CONCURRENT_EXPLICIT_GC = "-XX:+ExplicitGCInvokesConcurrent";

  /**
   * Promotes what survives one young collection straight to the old generation. The service's large
   * data lives long (the inventory read at start, the 649,000 rows a survey import keeps until its
   * snapshot is built), and G1's default copied it from eden into survivor regions and again into
   * the old generation, with every thread stopped; request and alarm garbage dies in eden either
   * way. A cold first load of the Wujiang file: GC pauses 202–396 ms against 369–966 ms (five loads
   * each), the load 5.7–7.1 s against 6.1–7.9 s (docs/benchmarks.md, eleventh pass).
   */
  static final String TENURE_AT_FIRST_SURVIVAL = "-XX:MaxTenuringThreshold=0";

  /**
   * Where Linux says whether transparent huge pages are off, on for every mapping ({@code
   * [always]}) or on for the mappings that ask for them ({@code [madvise]}, Debian's default).
   */
  static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  /**
   * Asks for huge pages for the heap. G1 grows the heap to 3–4 GB while the Wujiang inventory is
   * read, and a first load then allocates into young regions that were committed but never touched:
   * with 4 KiB pages that was 265,000–286,000 page faults in the allocating threads per load, and
   * the load took 12.6–13.8 s of wall time and 14–16 s of JVM CPU; with 2 MiB pages 2,000 faults,
   * 8.0–8.7 s and 8.6–9.1 s (docs/benchmarks.md, "The lead's work and holds, tenth pass"). Only
   * where the kernel hands huge pages out on request: under {@code [always]} every mapping gets
   * them anyway, and under {@code [never]} the JVM would warn that it cannot have them.
   */
  static final String HEAP_IN_HUGE_PAGES = "-XX:+UseTransparentHugePages";

  private static final List<String> OWN_OPTIONS =
      List.of(
          "-Xshare",
          "-XX:SharedArchiveFile",
          "-XX:ArchiveClassesAtExit",
          "-XX:+AutoCreateSharedArchive",
          "-XX:SharedClassListFile",
          "-XX:DumpLoadedClassList",
          "-XX:AOT",
          "-agentlib",
          "-agentpath",
          "-javaagent");

  private final List<String> command;
  private final Path written;
  private final Path archive;

  private SharedClassesJvm(List<String> command, Path written, Path archive) {
    this.command = command;
    this.written = written;
    this.archive = archive;
  }

  /**
   * The child JVM for {@code mainClass} over {@code classPath}, with its archive in {@code
   * archiveDir}; null when the launcher's own options rule it out.
   */
  static SharedClassesJvm plan(
      Path archiveDir,
      List<Path> classPath,
      String mainClass,
      String[] args,
      List<String> jvmOptions,
      int feature,
      String jdkBuild) {
    for (String option : jvmOptions) {
      for (String own : OWN_OPTIONS) {
        if (option.startsWith(own)) {
          return null;
        }
      }
    }
    String key = Integer.toHexString(jdkBuild.hashCode());
    // two first starts at once record one archive each; the last to stop keeps its own
    String recording = "." + ProcessHandle.current().pid() + ".tmp";
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // before the launcher's options, so that a user's own choice (a later -XX flag) wins
    command.add(CONCURRENT_EXPLICIT_GC);
    command.add(TENURE_AT_FIRST_SURVIVAL);
    command.addAll(hugePages(TRANSPARENT_HUGE_PAGES));
    command.addAll(jvmOptions);
    Path archive;
    Path written = null;
    if (feature >= 25) {
      archive = archiveDir.resolve("app-" + key + ".aot");
      written = mapOrRecord(command, archive, "-XX:AOTCache=", "-XX:AOTCacheOutput=", recording);
      // the JVM's notes on classes it cannot archive would go to standard output
      command.add("-Xlog:aot*=off,cds*=off");
    } else if (feature >= 19) {
      archive = archiveDir.resolve("app-" + key + ".jsa");
      command.add("-XX:+AutoCreateSharedArchive");
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-Xlog:cds*=off");
    } else {
      archive = archiveDir.resolve("app-" + key + ".jsa");
      written =
          mapOrRecord(
              command, archive, "-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", recording);
      command.add("-Xlog:cds*=off");
    }
    command.add("-D" + LAUNCHED_AT + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
    command.add("-D" + LAUNCHER_PID + "=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(
        String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new SharedClassesJvm(List.copyOf(command), written, archive);
  }

  /** {@link #HEAP_IN_HUGE_PAGES} when {@code setting} (the kernel's THP mode) says madvise. */
  static List<String> hugePages(Path setting) {
    try {
      return Files.readString(setting).contains("[madvise]")
          ? List.of(HEAP_IN_HUGE_PAGES)
          : List.of();
    } catch (IOException e) {
      return List.of(); // not Linux, or a kernel without transparent huge pages
    }
  }

  /** The child's command line. */
  List<String> command() {
    return command;
  }

  /** The archive a later start maps, made from {@link #written} when this start stops. */
  Path archive() {
    return archive;
  }

  /** Where this start records its archive, or null when it maps one or the JVM keeps it. */
  Path written() {
    return written;
  }

  /** Starts the child, waits for it and returns its exit code. */
  int run() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    // their options are in the launcher's, which the child gets on its command line
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process child = builder.start();
    Thread forward =
        new Thread(
            () -> {
              child.destroy();
              try {
                child.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              keepArchive(child.exitValue());
            },
            "wangge-stop-child");
    Runtime.getRuntime().addShutdownHook(forward);
    int code = child.waitFor();
    keepArchive(code);
    try {
      Runtime.getRuntime().removeShutdownHook(forward);
    } catch (IllegalStateException e) {
      // already stopping: the hook waits for the child too
    }
    return code;
  }

  /**
   * Puts a recorded archive in place unless the child was killed (an archive is written as the JVM
   * exits, so a killed one may be cut short).
   */
  private synchronized void keepArchive(int exitCode) {
    if (written == null || !Files.isRegularFile(written)) {
      return;
    }
    try {
      if (exitCode == 128 + 9 || Files.size(written) == 0) {
        Files.delete(written);
        return;
      }
      try {
        Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.printf("Could not keep the class-sharing archive %s (%s)%n", archive, e);
    }
  }

  /**
   * How long a child whose launcher died during the start gives the shutdown hooks that can run
   * (the embedded PostgreSQL's stop) before it halts.
   */
  static final long STOP_DURING_START_GRACE_MS = 5_000;

  private static volatile boolean applicationStarted;

  /**
   * In the child: stops this JVM when the launcher is gone, so that a launcher killed outright does
   * not leave the service running unseen.
   */
  static void stopWithLauncher() {
    String pid = System.getProperty(LAUNCHER_PID);
    if (pid == null) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresentOrElse(
            launcher -> launcher.onExit().thenRun(SharedClassesJvm::launcherGone),
            SharedClassesJvm::launcherGone);
  }

  /** In the child: the application's start has finished; a stop is an ordinary one from now on. */
  static void applicationStarted() {
    applicationStarted = true;
  }

  /**
   * Exits as a SIGTERM would. While the application is still starting, Spring's shutdown hook waits
   * for the start to finish before it closes anything (3–16 s with the Wujiang inventory, and the
   * start then even prints its ready line); nobody is left to wait for that start, so the JVM halts
   * once the other hooks have had {@link #STOP_DURING_START_GRACE_MS}.
   */
  private static void launcherGone() {
    if (!applicationStarted) {
      Thread halt =
          new Thread(
              () -> {
                try {
                  Thread.sleep(STOP_DURING_START_GRACE_MS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                if (!applicationStarted) {
                  Runtime.getRuntime().halt(143);
                }
              },
              "wangge-halt-without-launcher");
      halt.setDaemon(true);
      halt.start();
    }
    System.exit(143);
  }

  /**
   * Maps the archive when it exists ({@code map} + its path); else records one into a file of this
   * launch's own ({@code record} + that file), which is returned to be moved into place.
   */
  private static Path mapOrRecord(
      List<String> command, Path archive, String map, String record, String recording) {
    if (Files.isRegularFile(archive)) {
      command.add(map + archive);
      return null;
    }
    removeOrphanedRecordings(archive);
    Path written = archive.resolveSibling(archive.getFileName() + recording);
    command.add(record + written);
    return written;
  }

  /**
   * Deletes the recordings ({@code <archive>.<pid>.tmp}) of launchers that are gone: a launcher
   * killed outright cannot put its child's recording in place, and each such file is 40–120 MB.
   */
  static void removeOrphanedRecordings(Path archive) {
    String prefix = archive.getFileName() + ".";
    try (var beside = Files.list(archive.getParent())) {
      for (Path p : beside.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(".tmp")) {
          continue;
        }
        String pid = name.substring(prefix.length(), name.length() - ".tmp".length());
        if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // an archive folder that cannot be listed or cleaned is no reason not to start
    }
  }
}
