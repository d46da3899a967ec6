package org.wangge.api.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs the application from the executable jar's contents unpacked beside it instead of from the
 * jar's nested jars.
 *
 * <p>Why: started with {@code java -jar}, Spring Boot's launcher loads every class through its
 * nested-jar URL handler, and the JDK's class path asks each of the 174 nested jars in turn for
 * every class and resource, building and opening a {@code jar:nested:} URL per jar asked. With the
 * Wujiang inventory that cost 45 % of the main thread's CPU and about 8 s of the JVM's 33 s of CPU
 * before ready (docs/benchmarks.md, "Start-up, fourth pass"). The same classes from plain jar files
 * on disk load through the JDK's own jar loader, which answers a miss from the jar's central
 * directory. This is what {@code java -Djarmode=tools -jar app.jar extract} produces, done on the
 * first start of each jar so that the one-command start stays one command.
 *
 * <p>The unpacked copy lives in a directory beside the jar named after it and its size and
 * modification time ({@code .<jar name>.unpacked-<key>}), falls back to {@code ~/.wangge/unpacked}
 * when the jar's directory is not writable, is made under a temporary name and renamed in place
 * (two JVMs starting at once do not see half a copy), and copies of an older build of the same jar
 * are removed. {@code -Dwangge.unpack=false} turns it off.
 *
 * <p>From the unpacked copy the application runs in a child JVM with a class-sharing archive
 * ({@link SharedClassesJvm}) unless {@code -Dwangge.class-sharing=false}, the JVM's options rule
 * that out, or the copy is read-only; then it runs in this JVM from a class loader over the copy.
 *
 * <p>The executable jar's {@code Main-Class} is {@link Launcher}, which calls {@link #runUnpacked}
 * without Spring Boot's launcher; {@link #relaunch}, called first in the application's {@code
 * main}, does the same when Spring Boot's launcher started the application after all.
 */
public final class UnpackedClassPath {

  private static final String LIB = "BOOT-INF/lib/";
  private static final String CLASSES = "BOOT-INF/classes/";
  private static final String INDEX = "BOOT-INF/classpath.idx";
  private static final String DONE = ".complete";

  /** BOOT-INF/classes again, as a jar: the class path of the child JVM. */
  static final String CLASSES_JAR = "BOOT-INF/classes.jar";

  private UnpackedClassPath() {}

  /**
   * When {@code mainClass} was loaded by Spring Boot's nested-jar launcher from an executable jar
   * (the jar started as {@code java -cp app.jar …JarLauncher}, or {@link Launcher} stepping aside),
   * runs {@code mainClass.main(args)} again from the unpacked copy as {@link #runUnpacked} does and
   * returns true (the application has then started, or thrown); otherwise returns false and the
   * caller starts normally. In the application's child JVM it arranges for that JVM to stop with
   * the launcher.
   */
  public static boolean relaunch(Class<?> mainClass, String[] args) throws Exception {
    Path jar = launchedJar(mainClass);
    if (jar == null) {
      SharedClassesJvm.stopWithLauncher();
      return false;
    }
    if ("false".equalsIgnoreCase(System.getProperty("wangge.unpack"))) {
      return false;
    }
    return runUnpacked(jar, mainClass.getName(), args);
  }

  /**
   * Called by the application once its start has finished: from then on, a launcher that dies stops
   * the application's JVM through its ordinary shutdown (graceful, hooks run to the end); before,
   * the JVM halts after a short grace, as nothing waits for the start any more.
   */
  public static void started() {
    SharedClassesJvm.applicationStarted();
  }

  /**
   * Runs {@code mainClass.main(args)} from the unpacked copy of {@code jar} (made first if there is
   * none): in a child JVM with a class-sharing archive, then exits with the child's exit code, or
   * in a class loader over the copy in this JVM when {@code -Dwangge.class-sharing=false}, the
   * JVM's options rule the child out or the copy is read-only. Returns false, having said why on
   * standard error, when the jar could not be unpacked: the caller then starts from the jar.
   */
  static boolean runUnpacked(Path jar, String mainClass, String[] args) throws Exception {
    Path dir;
    try {
      dir = unpack(jar, unpackRoot(jar));
    } catch (IOException | UncheckedIOException e) {
      System.err.printf(
          "Could not unpack %s (%s); starting from the jar, which is slower%n", jar, e);
      return false;
    }
    if (!"false".equalsIgnoreCase(System.getProperty("wangge.class-sharing"))) {
      List<Path> childPath = new ArrayList<>();
      for (URL u : classPath(dir)) {
        childPath.add(Path.of(u.toURI()));
      }
      childPath.set(0, dir.resolve(CLASSES_JAR));
      SharedClassesJvm child =
          Files.isRegularFile(dir.resolve(CLASSES_JAR)) && Files.isWritable(dir)
              ? SharedClassesJvm.plan(
                  dir,
                  childPath,
                  mainClass,
                  args,
                  ManagementFactory.getRuntimeMXBean().getInputArguments(),
                  Runtime.version().feature(),
                  System.getProperty("java.home") + " " + System.getProperty("java.vm.version"))
              : null;
      if (child != null) {
        System.exit(child.run());
        return true;
      }
    }
    URLClassLoader loader =
        new URLClassLoader(
            "wangge-app", classPath(dir).toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    try {
      loader.loadClass(mainClass).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    return true;
  }

  /**
   * The executable jar {@code mainClass} was loaded from by Spring Boot's launcher, else null. It
   * asks the main class, not this one: in an executable jar this package also sits at the jar's
   * root ({@link Launcher}), where the launcher's class loader finds it first.
   */
  static Path launchedJar(Class<?> mainClass) {
    ClassLoader loader = mainClass.getClassLoader();
    if (loader == null
        || !loader.getClass().getName().startsWith("org.springframework.boot.loader.")) {
      return null;
    }
    return jarOnClassPath();
  }

  /** The one jar of {@code java.class.path}, as {@code java -jar} sets it, else null. */
  static Path jarOnClassPath() {
    String cp = System.getProperty("java.class.path", "");
    if (cp.isEmpty() || cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
      return null;
    }
    Path jar = Path.of(cp).toAbsolutePath();
    return Files.isRegularFile(jar) ? jar : null;
  }

  private static Path unpackRoot(Path jar) {
    Path beside = jar.getParent();
    if (beside != null && Files.isWritable(beside)) {
      return beside;
    }
    return Path.of(System.getProperty("user.home"), ".wangge", "unpacked");
  }

  /**
   * Unpacks {@code jar}'s nested jars and classes into a directory under {@code root} unless an
   * unpacked copy of this very jar (same name, size and modification time) is already there;
   * removes copies of other builds of the same jar name. Returns the directory.
   */
  static Path unpack(Path jar, Path root) throws IOException {
    String name = jar.getFileName().toString();
    String prefix = "." + name + ".unpacked-";
    String key =
        Long.toHexString(Files.size(jar))
            + "-"
            + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
    Path dir = root.resolve(prefix + key);
    if (Files.exists(dir.resolve(DONE))) {
      return dir;
    }
    Files.createDirectories(root);
    removeOtherCopies(root, prefix, dir);
    // copies are renamed into place complete, so one without the marker was damaged afterwards
    deleteTree(dir);
    Path tmp = Files.createTempDirectory(root, prefix + "tmp-");
    try {
      Files.createDirectories(tmp.resolve(CLASSES_JAR).getParent());
      try (ZipFile zip = new ZipFile(jar.toFile());
          JarOutputStream classesJar =
              new JarOutputStream(Files.newOutputStream(tmp.resolve(CLASSES_JAR)))) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          String n = e.getName();
          if (n.startsWith(CLASSES) && n.length() > CLASSES.length()) {
            // class data sharing archives classes from jar files only, never from a directory
            classesJar.putNextEntry(new ZipEntry(n.substring(CLASSES.length())));
            if (!e.isDirectory()) {
              try (InputStream in = zip.getInputStream(e)) {
                in.transferTo(classesJar);
              }
            }
            classesJar.closeEntry();
          }
          if (e.isDirectory() || !(n.startsWith(LIB) || n.startsWith(CLASSES) || n.equals(INDEX))) {
            continue;
          }
          Path out = tmp.resolve(n).normalize();
          if (!out.startsWith(tmp)) {
            throw new IOException("unsafe path in " + jar + ": " + n);
          }
          Files.createDirectories(out.getParent());
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, out);
          }
        }
      }
      Files.createFile(tmp.resolve(DONE));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // another JVM finished the same copy first
        deleteTree(tmp);
      } catch (IOException e) {
        if (!Files.exists(dir.resolve(DONE))) {
          throw e;
        }
        deleteTree(tmp);
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
    return dir;
  }

  /** BOOT-INF/classes first, then the nested jars in the order of the jar's class-path index. */
  static List<URL> classPath(Path dir) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(url(dir.resolve(CLASSES)));
    Path index = dir.resolve(INDEX);
    List<Path> jars = new ArrayList<>();
    if (Files.exists(index)) {
      for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
        // - "BOOT-INF/lib/x.jar"
        String entry = line.trim();
        if (entry.startsWith("- ")) {
          entry = entry.substring(2).trim();
        }
        entry = entry.replace("\"", "");
        if (!entry.isEmpty()) {
          jars.add(dir.resolve(entry));
        }
      }
    }
    try (Stream<Path> all = Files.list(dir.resolve(LIB))) {
      all.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(
              p -> {
                if (!jars.contains(p)) {
                  jars.add(p);
                }
              });
    }
    for (Path p : jars) {
      urls.add(url(p));
    }
    return urls;
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void removeOtherCopies(Path root, String prefix, Path keep) {
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(root, prefix + "*")) {
      for (Path p : siblings) {
        boolean tmp = p.getFileName().toString().startsWith(prefix + "tmp-");
        // a temporary copy may be another JVM's work in progress: leave young ones alone
        if (!p.equals(keep)
            && (!tmp
                || Files.getLastModifiedTime(p).toMillis()
                    < System.currentTimeMillis() - 3_600_000)) {
          deleteTree(p);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // an old copy left behind costs only disk space
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              q -> {
                try {
                  Files.deleteIfExists(q);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
