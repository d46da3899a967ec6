package org.wangge.bench.alarms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.wangge.bench.alarms.NumberedPlan.Entry;
import org.wangge.bench.alarms.NumberedPlan.Expect;

/**
 * The publisher of the no-loss test: the numbered stream at a steady rate, with some messages
 * published twice (as a device or gateway redelivers), retrying every message until the broker
 * acknowledged it, across platform, broker and database restarts.
 */
final class NumberedRun {

  /** How far back a redelivery reaches. */
  static final int REDELIVERY_DISTANCE = 20;

  private final Args args;

  NumberedRun(Args args) {
    this.args = args;
  }

  int run() throws Exception {
    String mqtt = args.string("mqtt", "tcp://127.0.0.1:18830");
    String client = args.string("client", "raw");
    int connections = (int) args.number("connections", 4);
    int inflight = (int) args.number("inflight", 2000);
    double rate = args.decimal("rate", 1500);
    long count = args.number("count", 60_000);
    int malformedEvery = (int) args.number("malformed-every", 97);
    int unknownEvery = (int) args.number("unknown-every", 101);
    int redeliverEvery = (int) args.number("redeliver-every", 50);
    String prefix = args.string("prefix", AlarmLoad.defaultPrefix("N"));
    Path manifest = Path.of(args.string("manifest", "target/alarms-no-loss/" + prefix + ".tsv"));
    Path summary = Path.of(args.string("summary", manifest + ".summary"));
    double ackTimeout = args.decimal("ack-timeout", 600);
    long seed = AlarmLoad.seed(args);
    double newShare = args.decimal("new-share", 0.05);
    String fleetSource = args.string("fleet", "db");
    Fleet fleet;
    if (fleetSource.startsWith("sample:")) {
      args.rejectUnused();
      fleet = AlarmLoad.sampleFleet(fleetSource.substring(7));
    } else {
      try (var db = AlarmLoad.connect(args)) {
        args.rejectUnused();
        fleet = Fleet.fromDatabase(db);
      }
    }

    // Only keys without an active case, so that the run opens exactly one case per distinct key.
    List<AlarmKey> fresh = fleet.freshKeys(seed);
    long alarms =
        count
            - (malformedEvery > 0 ? count / malformedEvery : 0)
            - (unknownEvery > 0 ? count / unknownEvery : 0);
    AlarmLoad.checkCapacity(
        fleet, fresh, AlarmMix.newKeysNeeded(alarms, newShare) + 1, "the numbered stream");
    AlarmMix mix = new AlarmMix(fresh, List.of(), newShare, seed);
    List<Entry> plan =
        NumberedPlan.build(prefix, count, malformedEvery, unknownEvery, mix, fleet.devices());
    NumberedPlan.write(manifest, plan);
    System.out.printf(
        "numbered run %s: %,d messages (%,d alarms, %,d unknown-device, %,d malformed) at %,.0f/s"
            + " through %s; manifest %s%n",
        prefix,
        count,
        plan.stream().filter(e -> e.expect() == Expect.ALARM).count(),
        plan.stream().filter(e -> e.expect() == Expect.QUARANTINE).count(),
        plan.stream().filter(e -> e.expect() == Expect.DEAD_LETTER).count(),
        rate,
        mqtt,
        manifest);

    Publishers publishers =
        Publishers.open(
            client, mqtt, "wangge-numbered-" + prefix, connections, inflight, 10, (m, t) -> {});
    Instant wallBase = Instant.now();
    long nanoBase = System.nanoTime();
    long start = nanoBase + 100_000_000L;
    Pacer pacer = new Pacer(start, rate);
    Publishers.Message[] recent = new Publishers.Message[REDELIVERY_DISTANCE + 1];
    long redeliveries = 0;
    long next = 0;
    long lastReport = start;
    while (next < count) {
      long now = System.nanoTime();
      long due = Math.min(count, pacer.dueBy(now));
      for (; next < due; next++) {
        Entry e = plan.get((int) next);
        long dueNanos = pacer.dueNanos(next);
        Instant time = AlarmLoad.wallAt(wallBase, nanoBase, dueNanos);
        byte[] payload =
            e.expect() == Expect.DEAD_LETTER
                ? Payloads.malformed(e.number(), e.alarmId(), e.deviceId(), time)
                : Payloads.alarm(e.alarmId(), e.deviceId(), e.alarmType(), time);
        Publishers.Message m =
            new Publishers.Message(
                e.number(),
                e.alarmId(),
                Payloads.alarmTopic(e.deviceId()),
                payload,
                dueNanos,
                publishers.connectionFor(e.deviceId()));
        publishers.submit(m);
        recent[(int) (e.number() % recent.length)] = m;
        if (redeliverEvery > 0 && e.number() % redeliverEvery == 0) {
          Publishers.Message earlier =
              recent[(int) ((e.number() - REDELIVERY_DISTANCE) % recent.length)];
          if (earlier != null && earlier.seq() == e.number() - REDELIVERY_DISTANCE) {
            // The same bytes again under a sequence number of its own: a second delivery.
            publishers.submit(
                new Publishers.Message(
                    -earlier.seq(),
                    earlier.alarmId(),
                    earlier.topic(),
                    earlier.payload(),
                    dueNanos,
                    earlier.connection()));
            redeliveries++;
          }
        }
      }
      publishers.pump();
      if (now - lastReport >= 5_000_000_000L) {
        lastReport = now;
        System.out.printf(
            "  t=%5.1fs sent %,d acked %,d unacked %,d resends %,d%n",
            (now - start) / 1e9,
            next,
            publishers.acked(),
            publishers.unacknowledged(),
            publishers.resends());
      }
      Publishers.sleepQuietly(500_000);
    }
    long deadline = System.nanoTime() + (long) (ackTimeout * 1e9);
    while (publishers.unacknowledged() > 0 && System.nanoTime() < deadline) {
      publishers.pump();
      if (System.nanoTime() - lastReport >= 5_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf(
            "  all sent; waiting for PUBACKs: %,d unacked, resends %,d%n",
            publishers.unacknowledged(), publishers.resends());
      }
      Publishers.sleepQuietly(2_000_000);
    }
    long unacked = publishers.unacknowledged();
    String text =
        String.format(
            "prefix=%s%nmessages=%d%nredeliveries=%d%npublishes=%d%nacked=%d%nunacked=%d%n"
                + "resends=%d%nrejected=%d%n",
            prefix,
            count,
            redeliveries,
            publishers.submitted(),
            publishers.acked(),
            unacked,
            publishers.resends(),
            publishers.rejected());
    write(summary, text);
    System.out.print(text);
    publishers.close();
    return unacked == 0 ? 0 : 3;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
