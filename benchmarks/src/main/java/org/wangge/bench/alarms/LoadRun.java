package org.wangge.bench.alarms;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load run: warm-up, then the measured window at the same open-loop rate, then the results from
 * the platform's database and the SSE inbox, printed as a report and a Markdown table row.
 */
final class LoadRun {

  private final Args args;

  LoadRun(Args args) {
    this.args = args;
  }

  int run() throws Exception {
    String fleetSource = args.string("fleet", "db");
    boolean sample = fleetSource.startsWith("sample:");
    boolean results = !sample && !args.flag("no-results");
    String mqtt = args.string("mqtt", "tcp://127.0.0.1:18830");
    String client = args.string("client", "raw");
    int connections = (int) args.number("connections", 4);
    int inflight = (int) args.number("inflight", 2000);
    double rate = args.decimal("rate", 5000);
    double warmup = args.decimal("warmup", 10);
    double duration = args.decimal("duration", 60);
    double newShare = args.decimal("new-share", 0.10);
    boolean close = args.flag("close-open-cases");
    String prefix = args.string("prefix", AlarmLoad.defaultPrefix("L"));
    String api = args.string("api", "http://127.0.0.1:8080");
    String apiUser = args.string("api-user", "admin");
    String apiPassword = args.string("api-password", null);
    long platformPid = args.number("platform-pid", -1);
    long brokerPid = args.number("broker-pid", -1);
    long dbPid = args.number("db-pid", -1);
    String label = args.string("label", "in-process");
    double settle = args.decimal("settle", 120);
    long seed = AlarmLoad.seed(args);
    Connection db = sample ? null : AlarmLoad.connect(args);
    args.rejectUnused();

    if (close && db != null) {
      System.out.printf("closed %,d active device cases%n", Fleet.closeOpenCases(db));
    }
    Fleet fleet = sample ? AlarmLoad.sampleFleet(fleetSource.substring(7)) : Fleet.fromDatabase(db);
    List<AlarmKey> fresh = fleet.freshKeys(seed);
    Pacer pacer = new Pacer(0, rate);
    long warmupMessages = pacer.messagesIn(warmup);
    long measuredMessages = pacer.messagesIn(duration);
    long total = warmupMessages + measuredMessages;
    long needed = AlarmMix.newKeysNeeded(total, newShare) + (fleet.activeKeys().isEmpty() ? 1 : 0);
    AlarmLoad.checkCapacity(fleet, fresh, needed, "this run");
    AlarmMix mix = new AlarmMix(fresh, fleet.activeKeys(), newShare, seed);

    InboxListener inbox = null;
    if (apiPassword != null) {
      inbox = new InboxListener();
      inbox.start(api, apiUser, apiPassword);
      System.out.println("listening to " + api + "/api/inbox/stream");
    }

    Latencies pubackLatency = new Latencies();
    AtomicLong measuredAcked = new AtomicLong();
    AtomicLong lastMeasuredAckNanos = new AtomicLong();
    Publishers publishers =
        Publishers.open(
            client,
            mqtt,
            "wangge-load-" + prefix,
            connections,
            inflight,
            30,
            (m, ackNanos) -> {
              if (m.seq() >= warmupMessages) {
                pubackLatency.add((ackNanos - m.dueNanos()) / 1000);
                measuredAcked.incrementAndGet();
                lastMeasuredAckNanos.accumulateAndGet(ackNanos, Math::max);
              }
            });
    StringBuilder windows = new StringBuilder();
    for (int c = 0; c < publishers.connections(); c++) {
      windows.append(c == 0 ? "" : ", ").append(publishers.window(c));
    }
    System.out.printf(
        "run %s: %,d warm-up + %,d measured alarms at %,.0f/s (%.0f%% new cases) through %s,"
            + " %d %s connections (windows %s)%n",
        prefix,
        warmupMessages,
        measuredMessages,
        rate,
        newShare * 100,
        mqtt,
        connections,
        client,
        windows);

    CpuMeter platformCpu = new CpuMeter(platformPid);
    CpuMeter brokerCpu = new CpuMeter(brokerPid);
    CpuMeter dbCpu = new CpuMeter(dbPid, true);
    CpuMeter selfCpu = new CpuMeter(ProcessHandle.current().pid());
    CpuMeter machineCpu = new CpuMeter(0);

    Instant wallBase = Instant.now();
    long nanoBase = System.nanoTime();
    long start = nanoBase + 200_000_000L;
    pacer = new Pacer(start, rate);
    long measureStart = pacer.dueNanos(warmupMessages);
    long measureEnd = pacer.dueNanos(total);
    if (inbox != null) {
      inbox.window(
          AlarmLoad.wallAt(wallBase, nanoBase, measureStart),
          AlarmLoad.wallAt(wallBase, nanoBase, measureEnd));
    }
    Latencies pacerLag = new Latencies();
    long next = 0;
    long maxBacklog = 0;
    long lastReport = start;
    double platformCores = Double.NaN;
    double brokerCores = Double.NaN;
    double selfCores = Double.NaN;
    double machineCores = Double.NaN;
    boolean measuring = false;
    while (next < total) {
      long now = System.nanoTime();
      long due = Math.min(total, pacer.dueBy(now));
      for (; next < due; next++) {
        if (next == warmupMessages && !measuring) {
          measuring = true;
          platformCpu.start();
          brokerCpu.start();
          dbCpu.start();
          selfCpu.start();
          machineCpu.start();
        }
        AlarmMix.Pick pick = mix.next();
        AlarmKey key = pick.key();
        long dueNanos = pacer.dueNanos(next);
        String id = prefix + (next < warmupMessages ? "-w-" + next : "-m-" + next);
        byte[] payload =
            Payloads.alarm(
                id,
                key.deviceId(),
                key.alarmType(),
                AlarmLoad.wallAt(wallBase, nanoBase, dueNanos));
        publishers.submit(
            new Publishers.Message(
                next,
                id,
                Payloads.alarmTopic(key.deviceId()),
                payload,
                dueNanos,
                publishers.connectionFor(key.deviceId())));
        if (next >= warmupMessages) {
          pacerLag.add((now - dueNanos) / 1000);
        }
      }
      maxBacklog = Math.max(maxBacklog, publishers.pump());
      if (now - lastReport >= 5_000_000_000L) {
        lastReport = now;
        System.out.printf(
            "  t=%5.1fs %s sent %,d acked %,d backlog %,d resends %,d%n",
            (now - start) / 1e9,
            next < warmupMessages ? "warm-up " : "measured",
            next,
            publishers.acked(),
            publishers.unacknowledged(),
            publishers.resends());
      }
      if (next == total) {
        break;
      }
      long sleep = pacer.dueNanos(next) - System.nanoTime();
      Publishers.sleepQuietly(Math.max(1_000_000, Math.min(sleep, 1_000_000)));
    }
    platformCores = platformCpu.coresUsed();
    brokerCores = brokerCpu.coresUsed();
    double dbCores = dbCpu.coresUsed();
    selfCores = selfCpu.coresUsed();
    machineCores = machineCpu.coresUsed();
    long ackDeadline = System.nanoTime() + 60_000_000_000L;
    while (publishers.unacknowledged() > 0 && System.nanoTime() < ackDeadline) {
      maxBacklog = Math.max(maxBacklog, publishers.pump());
      Publishers.sleepQuietly(500_000);
    }
    double ackedRate = measuredAcked.get() / ((lastMeasuredAckNanos.get() - measureStart) / 1e9);
    Report report = new Report(label, prefix, rate, duration, fleet.devices().size());
    report.publish(
        measuredMessages,
        measuredAcked.get(),
        ackedRate,
        publishers.resends(),
        publishers.rejected(),
        maxBacklog,
        pacerLag.summary(),
        pubackLatency.summary());
    report.cpu(platformCores, brokerCores, dbCores, selfCores, machineCores);
    publishers.close();

    if (results) {
      ResultsDb resultsDb = new ResultsDb(db);
      String measuredPrefix = prefix + "-m-";
      waitForCommits(resultsDb, measuredPrefix, measuredAcked.get(), settle);
      Map<String, Long> outcomes = resultsDb.outcomes(measuredPrefix);
      ResultsDb.CommitLatency commit = resultsDb.commitLatency(measuredPrefix);
      report.commits(outcomes, commit);
    }
    if (inbox != null) {
      // Events of the last commits may still be on their way.
      Thread.sleep(1000);
      report.sse(inbox);
      inbox.close();
    }
    report.print(System.out);
    return 0;
  }

  /** Waits until every acknowledged measured alarm is stored, or the count stops moving. */
  private static void waitForCommits(ResultsDb db, String prefix, long expected, double settle)
      throws Exception {
    long deadline = System.nanoTime() + (long) (settle * 1e9);
    long last = -1;
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long stored = db.stored(prefix);
      if (stored >= expected) {
        return;
      }
      if (stored != last) {
        last = stored;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > 15_000_000_000L) {
        System.out.printf("  commits stopped at %,d of %,d%n", stored, expected);
        return;
      }
      System.out.printf("  waiting for commits: %,d of %,d stored%n", stored, expected);
      Thread.sleep(2000);
    }
  }
}
