package org.wangge.bench.alarms;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** The result of a load run: a readable report and a Markdown row for docs/benchmarks.md. */
final class Report {

  private final String label;
  private final String prefix;
  private final double rate;
  private final double duration;
  private final int devices;
  private long measured;
  private long acked;
  private double ackedRate;
  private long resends;
  private long rejected;
  private long maxBacklog;
  private Latencies.Summary pacerLag = Latencies.Summary.EMPTY;
  private Latencies.Summary puback = Latencies.Summary.EMPTY;
  private double platformCores = Double.NaN;
  private double brokerCores = Double.NaN;
  private double dbCores = Double.NaN;
  private double selfCores = Double.NaN;
  private double machineCores = Double.NaN;
  private Map<String, Long> outcomes;
  private ResultsDb.CommitLatency commit;
  private Latencies.Summary sse;
  private String sseNote = "";

  Report(String label, String prefix, double rate, double duration, int devices) {
    this.label = label;
    this.prefix = prefix;
    this.rate = rate;
    this.duration = duration;
    this.devices = devices;
  }

  void publish(
      long measured,
      long acked,
      double ackedRate,
      long resends,
      long rejected,
      long maxBacklog,
      Latencies.Summary pacerLag,
      Latencies.Summary puback) {
    this.measured = measured;
    this.acked = acked;
    this.ackedRate = ackedRate;
    this.resends = resends;
    this.rejected = rejected;
    this.maxBacklog = maxBacklog;
    this.pacerLag = pacerLag;
    this.puback = puback;
  }

  void cpu(double platform, double broker, double db, double self, double machine) {
    this.platformCores = platform;
    this.brokerCores = broker;
    this.dbCores = db;
    this.selfCores = self;
    this.machineCores = machine;
  }

  void commits(Map<String, Long> outcomes, ResultsDb.CommitLatency commit) {
    this.outcomes = outcomes;
    this.commit = commit;
  }

  void sse(InboxListener inbox) {
    this.sse = inbox.latencies().summary();
    this.sseNote =
        String.format(
            "%,d case events (%s)%s%s",
            inbox.events(),
            inbox.changes().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .sorted()
                .collect(Collectors.joining(", ")),
            inbox.unreadable() > 0 ? ", " + inbox.unreadable() + " without lastAlarmAt" : "",
            inbox.failure() != null ? "; stream failed: " + inbox.failure() : "");
  }

  void print(PrintStream out) {
    out.println();
    out.printf("== run %s (%s), %,d devices ==%n", prefix, label, devices);
    out.printf(
        "offered          %,.0f alarms/s for %.0f s (open loop): %,d measured alarms%n",
        rate, duration, measured);
    out.printf(
        "broker PUBACKed  %,d of %,d (%,.0f/s); resends %,d, failure reason codes %,d, largest"
            + " backlog %,d%n",
        acked, measured, ackedRate, resends, rejected, maxBacklog);
    out.printf("generator lag    %s (scheduled → handed to the MQTT client)%n", pacerLag.compact());
    out.printf("publish→PUBACK   %s%n", puback.compact());
    if (commit != null) {
      out.printf(
          "publish→commit   %s  (p50/p90/p99/p99.9/max, %,d alarms; %,.0f commits/s)%n",
          commit.millis().compact(), commit.count(), commit.commitRate());
      out.printf("outcomes         %s%n", outcomes);
    }
    if (sse != null) {
      out.printf("publish→SSE      %s  (%s)%n", sse.compact(), sseNote);
    }
    out.printf(
        "CPU (cores)      platform %s, broker %s, PostgreSQL %s, generator %s, whole machine %s"
            + " of %d%n",
        cores(platformCores),
        cores(brokerCores),
        cores(dbCores),
        cores(selfCores),
        cores(machineCores),
        Runtime.getRuntime().availableProcessors());
    out.println();
    out.println(
        "| date | alarm log | devices | offered /s | PUBACKed /s | committed | publish→commit"
            + " p50 / p90 / p99 / p99.9 / max | publish→SSE p50 / p90 / p99 | outcomes | platform"
            + " CPU (cores) | alarms/s per platform core | PostgreSQL CPU (cores) | machine busy"
            + " (cores) |");
    out.println(row());
  }

  String row() {
    // Per core of the platform process: alarms committed per second (broker-acked when the
    // database was not asked) over the cores it used in the measured window.
    double throughput = commit == null ? ackedRate : Math.min(ackedRate, commit.commitRate());
    String perCore =
        Double.isNaN(platformCores) || platformCores <= 0 || throughput <= 0
            ? "–"
            : String.format("%,.0f", throughput / platformCores);
    return String.format(
        "| %s | %s | %,d | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s |",
        AlarmLoad.today(),
        label,
        devices,
        rate,
        ackedRate,
        commit == null ? "–" : String.format("%,d / %,d", commit.count(), measured),
        commit == null ? "–" : commit.millis().compact(),
        sse == null
            ? "–"
            : String.format(
                "%s / %s / %s ms",
                Latencies.Summary.ms(sse.p50()),
                Latencies.Summary.ms(sse.p90()),
                Latencies.Summary.ms(sse.p99())),
        outcomes == null || outcomes.values().stream().allMatch(v -> v == 0)
            ? "–"
            : outcomes.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                .collect(Collectors.joining(", ")),
        cores(platformCores),
        perCore,
        cores(dbCores),
        cores(machineCores));
  }

  private static String cores(double c) {
    return Double.isNaN(c) ? "–" : String.format("%.2f", c);
  }
}
