package org.wangge.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void aConfiguredPortThatIsTakenFailsTheStartNamingIt() throws Exception {
    try (ServerSocket other = bound(EmbeddedPostgres.freePort(25532))) {
      int taken = other.getLocalPort();
      assertThatThrownBy(() -> EmbeddedPostgres.start(root.resolve("data"), taken, false))
          .isInstanceOf(UncheckedIOException.class)
          .hasStackTraceContaining("-p " + taken)
          .hasStackTraceContaining("could not bind");
    }
  }

  private static ServerSocket bound(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(false);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }
}
