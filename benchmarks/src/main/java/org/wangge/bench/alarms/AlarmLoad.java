package org.wangge.bench.alarms;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.wangge.data.SampleDistrict;
import org.wangge.data.SampleGenerator;
import org.wangge.data.Scale;

/**
 * Drives device alarms through a real MQTT broker into the platform and measures what it did.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.wangge.bench.alarms.AlarmLoad --help
 * </pre>
 *
 * Three modes: the load run (default; {@link LoadRun}), {@code --numbered} (the no-loss stream;
 * {@link NumberedRun}) and {@code --verify} (its accounting; {@link Verification}).
 */
public final class AlarmLoad {

  static final String HELP =
      """
      AlarmLoad: device alarms → MQTT broker → Wangge → cases; measures publish → commit and
      publish → SSE latency. Open loop: message i is scheduled at start + i/rate and carries that
      scheduled instant as its "time", whether or not the generator or the broker kept up, so
      queueing anywhere (generator backlog included) shows in the latency (no coordinated omission).

      Load run (default):
        --db URL              platform PostgreSQL, JDBC (jdbc:postgresql://127.0.0.1:5432/wangge)
        --db-user NAME        (postgres)             --db-password TEXT   (empty)
        --fleet db|sample:demo|sample:wujiang   where the devices come from (db); a sample fleet
                              needs no database and implies --no-results (dry run: broker only)
        --mqtt URL            broker (tcp://127.0.0.1:18830, benchmarks/scripts/mosquitto-bench.sh)
        --client raw|paho     MQTT client (raw): raw = MQTT 5 on plain sockets (RawMqttPublishers;
                              the generator at 5,000/s: 0.19 core, against 0.5-0.6 with paho),
                              paho = Eclipse Paho MQTT v5 (PahoPublishers)
        --connections N       publisher connections (4); a device always uses the same one
        --inflight N          QoS 1 window per connection (2000; the broker's Receive Maximum caps it)
        --rate N              alarms per second offered (5000)
        --warmup S            seconds at the same rate before measuring (10)
        --duration S          measured seconds (60)
        --new-share F         share of alarms that open a new case (0.10); the rest repeat a key
                              with an active case and fold into it
        --close-open-cases    first close every active DEVICE case by SQL (resets the keys; run it
                              with the platform stopped or the platform may still fold into them)
        --prefix P            alarm-id prefix of this run (L + base-36 time); ids are P-w-N (warm-up)
                              and P-m-N (measured)
        --api URL             platform HTTP base, to measure publish → SSE (http://127.0.0.1:8080)
        --api-user NAME       (admin)                --api-password TEXT  (no SSE when missing)
        --platform-pid PID    measure the platform's CPU (cores used during the measured window)
        --broker-pid PID      measure the broker's CPU
        --db-pid PID          measure PostgreSQL's CPU (the postmaster's pid: it and its backends)
        --label TEXT          alarm log label for the table row (in-process)
        --settle S            longest wait for the commits after the last publish (120)
        --no-results          do not query the database after the run
        --seed N              (20261123)

      No-loss stream (--numbered): publishes alarms P-1 … P-count once each (plus redeliveries),
      retrying until every one is PUBACKed; writes the plan to --manifest first.
        --count N (60000)  --rate N (1500)  --malformed-every N (97)  --unknown-every N (101)
        --new-share F (0.05: the demo fleet has ~3,600 keys)  --fleet db|sample:SCALE (db)
        --redeliver-every N (50: every N-th message the one 20 before is published again)
        --manifest FILE (target/alarms-no-loss/P.tsv)  --summary FILE (manifest + .summary)
        --ack-timeout S (600)  plus --db, --mqtt, --client, --connections, --inflight, --prefix,
        --seed.

      Verification (--verify --manifest FILE): waits until the database is quiet, then counts every
      number across alarm ∪ quarantine ∪ dead_letter and checks the cases; prints PASS/FAIL.
        --settle S (300)  --quiet S (15)  plus --db.
      """;

  private static final Set<String> FLAGS =
      Set.of("help", "numbered", "verify", "close-open-cases", "no-results");

  private AlarmLoad() {}

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = new Args(argv, FLAGS);
      if (args.flag("help")) {
        System.out.println(HELP);
        return;
      }
      int status;
      if (args.flag("numbered")) {
        status = new NumberedRun(args).run();
      } else if (args.flag("verify")) {
        status = new Verification(args).run();
      } else {
        status = new LoadRun(args).run();
      }
      System.exit(status);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("AlarmLoad: " + e.getMessage());
      System.exit(2);
    }
  }

  static Connection connect(Args args) throws SQLException {
    return DriverManager.getConnection(
        args.string("db", "jdbc:postgresql://127.0.0.1:5432/wangge"),
        args.string("db-user", "postgres"),
        args.string("db-password", ""));
  }

  static String defaultPrefix(String letter) {
    return letter + Long.toString(System.currentTimeMillis() / 1000, 36);
  }

  /** The devices of a generated sample district (for dry runs without the platform). */
  static Fleet sampleFleet(String scale) {
    SampleDistrict district =
        new SampleGenerator()
            .generate(SampleGenerator.DEFAULT_DISTRICT, Scale.parse(scale), 20_261_123L);
    List<FleetDevice> devices = new ArrayList<>();
    for (var d : district.devices()) {
      devices.add(new FleetDevice(d.id(), d.kind().name(), d.componentCode().toString()));
    }
    return new Fleet(devices, List.of());
  }

  static void checkCapacity(Fleet fleet, List<AlarmKey> fresh, long newNeeded, String what) {
    System.out.printf(
        "fleet: %,d active devices; %,d (component, alarm type) keys without an active case, %,d"
            + " with one; %s needs %,d new keys%n",
        fleet.devices().size(), fresh.size(), fleet.activeKeys().size(), what, newNeeded);
    if (newNeeded > fresh.size()) {
      throw new IllegalStateException(
          what
              + " needs "
              + newNeeded
              + " keys without an active case but the fleet has "
              + fresh.size()
              + " left: use --close-open-cases (closes earlier runs' cases), a fresh database, the"
              + " wujiang scale, or a lower --rate/--duration/--new-share");
    }
  }

  static String today() {
    return LocalDate.now().toString();
  }

  static long seed(Args args) {
    return args.number("seed", 20_261_123L);
  }

  static SplittableRandom random(Args args) {
    return new SplittableRandom(seed(args));
  }

  static Instant wallAt(Instant wallBase, long nanoBase, long nanos) {
    return wallBase.plusNanos(nanos - nanoBase);
  }
}
