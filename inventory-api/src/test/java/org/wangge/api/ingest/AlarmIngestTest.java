package org.wangge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.wangge.api.embedded.EmbeddedPostgres;

class AlarmIngestTest {

  @Test
  void theBrokerKeepsItsDataBesideTheConfiguredPostgresData() {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("wangge.embedded.postgres.data-dir", "/var/tmp/district-a/postgres");
    assertThat(AlarmIngest.brokerDataDir(env)).isEqualTo(Path.of("/var/tmp/district-a/hivemq"));
  }

  @Test
  void anExplicitBrokerDirectoryWins() {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("wangge.embedded.postgres.data-dir", "/var/tmp/district-a/postgres")
            .withProperty("wangge.mqtt.embedded.data-dir", "/srv/broker");
    assertThat(AlarmIngest.brokerDataDir(env)).isEqualTo(Path.of("/srv/broker"));
  }

  @Test
  void withoutSettingsItIsBesideTheDefaultPostgresData() {
    assertThat(AlarmIngest.brokerDataDir(new MockEnvironment()))
        .isEqualTo(EmbeddedPostgres.defaultDataDir().resolveSibling("hivemq"));
  }
}
