package org.wangge.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Launcher} as {@code java -jar} runs it: an executable jar laid out as the build makes it
 * (Spring Boot's layout, this package also at the root, {@code Main-Class: Launcher}), with a
 * stand-in for Spring Boot's launcher and an application class compiled here.
 */
class LauncherTest {

  @TempDir Path tmp;

  private Path jar;

  /**
   * The application: prints where it was loaded from and exits with the code it is given; or, with
   * {@code start-slowly}, starts as the real one does (the launch package's check first) and never
   * finishes, with a shutdown hook that waits for the start as Spring's does.
   */
  private static final String APP =
      """
      package org.example;
      public class App {
        public static void main(String[] args) throws Exception {
          if (args[0].equals("start-slowly")) {
            org.wangge.api.launch.UnpackedClassPath.relaunch(App.class, args);
            Object start = new Object();
            synchronized (start) {
              Runtime.getRuntime().addShutdownHook(new Thread(() -> { synchronized (start) {} }));
              System.out.println("starting in " + ProcessHandle.current().pid());
              Thread.sleep(600_000);
            }
          }
          System.out.println("app from " + System.getProperty("java.class.path"));
          try (var lib = App.class.getResourceAsStream("/lib.txt")) {
            System.out.println("nested jar says " + new String(lib.readAllBytes()));
          }
          System.out.println("launched at " + System.getProperty("wangge.launched-at"));
          System.exit(Integer.parseInt(args[0]));
        }
      }
      """;

  /** Stands in for Spring Boot's launcher, which the real jar has at its root. */
  private static final String SPRING_BOOT_LAUNCHER =
      """
      package org.springframework.boot.loader.launch;
      public class JarLauncher {
        public static void main(String[] args) {
          System.out.println("spring boot launcher " + String.join(" ", args));
          System.exit(42);
        }
      }
      """;

  @BeforeEach
  void executableJar() throws Exception {
    Path classes = tmp.resolve("compiled");
    compile(classes, "org/example/App.java", APP);
    compile(
        classes, "org/springframework/boot/loader/launch/JarLauncher.java", SPRING_BOOT_LAUNCHER);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
    manifest.getMainAttributes().putValue("Start-Class", "org.example.App");
    jar = tmp.resolve("dist/app.jar");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      String springBoot = "org/springframework/boot/loader/launch/JarLauncher.class";
      put(out, springBoot, classes.resolve(springBoot));
      put(out, "BOOT-INF/classes/org/example/App.class", classes.resolve("org/example/App.class"));
      // a nested jar, stored as Spring Boot stores them
      Path lib = tmp.resolve("lib.jar");
      try (JarOutputStream nested = new JarOutputStream(Files.newOutputStream(lib))) {
        nested.putNextEntry(new ZipEntry("lib.txt"));
        nested.write("lib".getBytes(StandardCharsets.UTF_8));
      }
      byte[] bytes = Files.readAllBytes(lib);
      ZipEntry stored = new ZipEntry("BOOT-INF/lib/lib.jar");
      stored.setMethod(ZipEntry.STORED);
      stored.setSize(bytes.length);
      CRC32 crc = new CRC32();
      crc.update(bytes);
      stored.setCrc(crc.getValue());
      out.putNextEntry(stored);
      out.write(bytes);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("BOOT-INF/classpath.idx"));
      out.write("- \"BOOT-INF/lib/lib.jar\"\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      // the launch package at the root, as the build's antrun step puts it there, and among the
      // application's classes, where the application calls it
      String pkg = Launcher.class.getPackageName().replace('.', '/');
      try (Stream<Path> files = Files.list(launchClasses().resolve(pkg))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          put(out, pkg + "/" + f.getFileName(), f);
          put(out, "BOOT-INF/classes/" + pkg + "/" + f.getFileName(), f);
        }
      }
    }
  }

  @Test
  void runsTheStartClassFromTheUnpackedCopyInAChildJvmWithItsExitCode() throws Exception {
    Run first = javaJar(List.of(), "7");

    assertThat(first.exitCode).as(first.output).isEqualTo(7);
    Path copy;
    try (Stream<Path> beside = Files.list(jar.getParent())) {
      copy =
          beside
              .filter(p -> p.getFileName().toString().startsWith(".app.jar.unpacked-"))
              .findFirst()
              .orElseThrow();
    }
    // the child JVM's class path: the unpacked classes as a jar, not the executable jar
    assertThat(first.output)
        .contains("app from " + copy.resolve(UnpackedClassPath.CLASSES_JAR))
        .contains("nested jar says lib")
        .doesNotContain("spring boot launcher")
        .doesNotContain("launched at null");
    // the first start recorded the class-sharing archive that later starts map
    try (Stream<Path> archives = Files.list(copy)) {
      assertThat(archives.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("app-") && (n.endsWith(".jsa") || n.endsWith(".aot")));
    }

    Run second = javaJar(List.of(), "3");
    assertThat(second.exitCode).as(second.output).isEqualTo(3);
    assertThat(second.output).contains("app from " + copy.resolve(UnpackedClassPath.CLASSES_JAR));
  }

  @Test
  void stepsAsideForSpringBootsLauncherWhenAskedForAJarModeOrNotToUnpack() throws Exception {
    for (String option : List.of("-Djarmode=tools", "-Dwangge.unpack=false")) {
      Run run = javaJar(List.of(option), "extract");
      assertThat(run.exitCode).as(option + ": " + run.output).isEqualTo(42);
      assertThat(run.output).contains("spring boot launcher extract");
    }
    try (Stream<Path> beside = Files.list(jar.getParent())) {
      assertThat(beside.map(p -> p.getFileName().toString())).containsExactly("app.jar");
    }
  }

  @Test
  void aLauncherKilledOutrightDuringTheStartStopsTheApplicationsJvm() throws Exception {
    Path log = tmp.resolve("slow.log");
    Process launcher =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-jar",
                jar.toString(),
                "start-slowly")
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ProcessHandle child = null;
    try {
      for (int i = 0; i < 1200 && child == null; i++) {
        String out = Files.readString(log, StandardCharsets.UTF_8);
        int at = out.indexOf("starting in ");
        if (at >= 0 && out.indexOf('\n', at) > 0) {
          long pid = Long.parseLong(out.substring(at + 12, out.indexOf('\n', at)).trim());
          child = ProcessHandle.of(pid).orElseThrow();
        } else {
          assertThat(launcher.isAlive()).as(out).isTrue();
          Thread.sleep(100);
        }
      }
      assertThat(child).as("the application's JVM started").isNotNull();
      launcher.destroyForcibly().waitFor();

      // before, the child's shutdown hook waited for a start that never ends
      assertThat(child.onExit().completeOnTimeout(null, 120, TimeUnit.SECONDS).get())
          .as("the application's JVM stopped")
          .isNotNull();
    } finally {
      launcher.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  @Test
  void readsTheStartClassFromTheManifest() throws Exception {
    assertThat(Launcher.startClass(jar)).isEqualTo("org.example.App");
    Path plain = tmp.resolve("plain.jar");
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(plain), new Manifest())) {
      out.flush();
    }
    assertThat(Launcher.startClass(plain)).isNull();
  }

  private record Run(int exitCode, String output) {}

  private Run javaJar(List<String> options, String arg) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString(), arg));
    Path log = tmp.resolve("run.log");
    Process p =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher stopped").isTrue();
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void compile(Path out, String file, String source) throws IOException {
    Path src = out.resolveSibling("src").resolve(file);
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                out.toString(),
                "-cp",
                launchClasses().toString(),
                "--release",
                "17",
                src.toString());
    assertThat(rc).as("javac " + file).isZero();
  }

  /** Where the launch package's classes were compiled to. */
  private static Path launchClasses() {
    try {
      return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(JarOutputStream out, String name, Path file) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    Files.copy(file, out);
    out.closeEntry();
  }
}
