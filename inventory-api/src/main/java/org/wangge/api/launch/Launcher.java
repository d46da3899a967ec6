package org.wangge.api.launch;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The executable jar's {@code Main-Class}: starts the application from the jar's unpacked copy
 * ({@link UnpackedClassPath#runUnpacked}) without going through Spring Boot's {@code JarLauncher}.
 *
 * <p>Why: with the Wujiang inventory the start is CPU-bound on two cores, and the launcher JVM only
 * starts the application's JVM. Spring Boot's launcher first opens the jar's 170-odd nested jars as
 * a class path and loads the application's main class through them: ~0.3 s of the launcher's CPU
 * and of the wall time before the application's JVM starts (docs/benchmarks.md, "Start-up, seventh
 * pass" and "eighth pass"). The build copies this package, which uses the JDK alone, to the jar's
 * root, where {@code java -jar} finds it.
 *
 * <p>It steps aside for Spring Boot's launcher, which then starts the application from the nested
 * jars as before, when asked for a jar mode ({@code -Djarmode=tools}), with {@code
 * -Dwangge.unpack=false}, or when the jar cannot be unpacked.
 */
public final class Launcher {

  /** Spring Boot's launcher, named in the jar's manifest as it was before this class. */
  static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Path jar = UnpackedClassPath.jarOnClassPath();
    String startClass = jar == null ? null : startClass(jar);
    if (startClass != null
        && System.getProperty("jarmode") == null
        && !"false".equalsIgnoreCase(System.getProperty("wangge.unpack"))) {
      if (UnpackedClassPath.runUnpacked(jar, startClass, args)) {
        return;
      }
      // said why already; the application's own main must not try again
      System.setProperty("wangge.unpack", "false");
    }
    try {
      Class.forName(SPRING_BOOT_LAUNCHER)
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The application's main class, from the {@code Start-Class} of the jar's manifest. */
  static String startClass(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      var manifest = file.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue(START_CLASS);
    }
  }

  private static final Attributes.Name START_CLASS = new Attributes.Name("Start-Class");
}
