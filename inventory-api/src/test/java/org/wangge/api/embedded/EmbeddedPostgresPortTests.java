package org.wangge.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The free-port search of the embedded PostgreSQL when another process binds the port it found free
 * before the server does: two services (or test JVMs) starting side by side.
 */
class EmbeddedPostgresPortTests {

  private Path root;

  @BeforeEach
  void folder() throws Exception {
    // as root the server runs as nobody, who must be able to enter the folder (no mktemp's 700)
    root =
        Files.createTempDirectory(
            Path.of("/var/tmp"),
            "wangge-pg-port-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @AfterEach
  void removeFolder() throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aPortTakenAfterTheProbeFoundItFreeMovesTheServerToTheNextFreeOne() throws Exception {
    try (ServerSocket other = bound(EmbeddedPostgres.freePort(25432))) {
      int taken = other.getLocalPort();
      List<Integer> probedFrom = new ArrayList<>();
      // the first probe answers the port the other process has just bound, as a probe that ran a
      // moment before it did would
      EmbeddedPostgres.PortProbe racing =
          from -> {
            probedFrom.add(from);
            return probedFrom.size() == 1 ? taken : EmbeddedPostgres.freePort(from);
          };
      try (EmbeddedPostgres pg = EmbeddedPostgres.start(root.resolve("data"), 0, false, racing)) {
        assertThat(pg.port()).isGreaterThan(taken);
        assertThat(probedFrom).containsExactly(EmbeddedPostgres.FIRST_PORT, taken + 1);
        try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
            var rs = c.createStatement().executeQuery("show port")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(pg.port());
        }
      }
    }
  }

  @Test
  void aPortTakenWhenTheServerBindsButFreedBeforeTheFailureIsExaminedStillMovesItOn()
      throws Exception {
    Path data = root.resolve("data");
    Path bin = EmbeddedPostgres.binaries(data);
    ServerSocket other = bound(EmbeddedPostgres.freePort(25632));
    int taken = other.getLocalPort();
    List<Integer> launched = new ArrayList<>();
    // the other process holds the port while PostgreSQL binds it and lets it go as soon as that
    // failed, before the retry rule looks: what two test suites side by side ran into
    EmbeddedPostgres.Launch releasingAfterTheFirstBind =
        port -> {
          launched.add(port);
          try {
            return EmbeddedPostgres.launch(data, bin, port, false);
          } finally {
            other.close();
          }
        };
    EmbeddedPostgres.PortProbe racing =
        from -> launched.isEmpty() ? taken : EmbeddedPostgres.freePort(from);
    try (other;
        EmbeddedPostgres pg = EmbeddedPostgres.start(0, racing, releasingAfterTheFirstBind)) {
      assertThat(pg.port()).isGreaterThan(taken);
      assertThat(launched).containsExactly(taken, pg.port());
      try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
          var rs = c.createStatement().executeQuery("show port")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(pg.port());
      }
    }
  }

  @Test
  void anInitdbFailureIsNotRetried() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "initdb refuses a directory that is not empty");
    Path bin = EmbeddedPostgres.binaries(data);
    int free = EmbeddedPostgres.freePort(25732);
    List<Integer> launched = new ArrayList<>();
    assertThatThrownBy(() -> startCounting(data, bin, free, launched))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(EmbeddedPostgres.PortNotBound.class)
        .hasMessageContaining("initdb")
        .hasMessageContaining("is not empty");
    assertThat(launched).containsExactly(free);
  }

  @Test
  void aServerFailureAfterAnEarlierBindFailureInTheSameLogIsNotRetried() throws Exception {
    Path data = root.resolve("data");
    Path bin = EmbeddedPostgres.binaries(data);
    try (ServerSocket other = bound(EmbeddedPostgres.freePort(25832))) {
      int taken = other.getLocalPort();
      // initialises the cluster, then leaves "Address already in use" in postgres.log
      assertThatThrownBy(() -> EmbeddedPostgres.launch(data, bin, taken, false))
          .isInstanceOf(EmbeddedPostgres.PortNotBound.class)
          .hasMessageContaining(":" + taken);
      Files.writeString(
          data.resolve("postgresql.conf"), "work_mem = 'plenty'\n", StandardOpenOption.APPEND);
      int free = EmbeddedPostgres.freePort(taken + 1);
      List<Integer> launched = new ArrayList<>();
      assertThatThrownBy(() -> startCounting(data, bin, free, launched))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(EmbeddedPostgres.PortNotBound.class)
          .hasMessageContaining("work_mem");
      assertThat(launched).containsExactly(free);
    }
  }

  @Test
  void aConfiguredPortThatIsTakenFailsTheStartNamingIt() throws Exception {
    try (ServerSocket other = bound(EmbeddedPostgres.freePort(25532))) {
      int taken = other.getLocalPort();
      assertThatThrownBy(() -> EmbeddedPostgres.start(root.resolve("data"), taken, false))
          .isInstanceOf(UncheckedIOException.class)
          .hasStackTraceContaining("-p " + taken)
          .hasCauseInstanceOf(EmbeddedPostgres.PortNotBound.class)
          .hasStackTraceContaining("could not bind");
    }
  }

  private static ServerSocket bound(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(false);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  /** A start with port 0 whose probe always answers {@code free}, noting every launch's port. */
  private static EmbeddedPostgres startCounting(
      Path data, Path bin, int free, List<Integer> launched) throws IOException {
    return EmbeddedPostgres.start(
        0,
        from -> free,
        port -> {
          launched.add(port);
          return EmbeddedPostgres.launch(data, bin, port, false);
        });
  }
}
