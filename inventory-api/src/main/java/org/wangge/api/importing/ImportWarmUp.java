package org.wangge.api.importing;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wangge.api.WanggeProperties;
import org.wangge.api.grid.GridStore;
import org.wangge.geo.codes.ClassCatalogue;

/**
 * With {@code wangge.import.warm-up=true}: once the service is up (after the ready line and the
 * device-alarm path), runs the import path on synthetic rows on a background thread, so that the
 * first survey import of this JVM does not pay for the JIT compilation of its own code. Costs 6–7.5
 * s of CPU over 3–6 s after start-up; a job that starts meanwhile stops it. Off by default: it took
 * 3–6 s of CPU out of a first load of 649,000 rows, but the load's wall time did not follow
 * reliably (docs/benchmarks.md, "Import, sixth pass").
 */
@Component
class ImportWarmUp {

  private static final Logger log = LoggerFactory.getLogger(ImportWarmUp.class);

  /** Rows per pass: enough for the per-row code to reach the optimising compiler in one pass. */
  static final int ROWS = 40_000;

  /** Passes at most; fewer once a pass leaves the compilers with little to do. */
  static final int MAX_PASSES = 6;

  /** A pass that adds less JIT compilation time than this ends the warm-up (after two). */
  private static final long SETTLED_MILLIS = 60;

  private final ImportingComponents importing;
  private final GridStore grids;
  private final String district;
  private final boolean enabled;

  ImportWarmUp(
      ImportingComponents importing,
      GridStore grids,
      WanggeProperties properties,
      Environment env) {
    this.importing = importing;
    this.grids = grids;
    this.district = properties.district();
    this.enabled = env.getProperty("wangge.import.warm-up", Boolean.class, false);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!enabled) {
      return;
    }
    Thread t = new Thread(this::run, "import-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private void run() {
    if (!grids.isLoaded()) {
      return;
    }
    var compilation = ManagementFactory.getCompilationMXBean();
    boolean timed = compilation != null && compilation.isCompilationTimeMonitoringSupported();
    long t0 = System.nanoTime();
    long compiled0 = timed ? compilation.getTotalCompilationTime() : 0;
    long[] last = {compiled0};
    int[] passes = {0};
    try {
      WarmUpRows rows = WarmUpRows.of(district, grids.active(), ClassCatalogue.standard(), ROWS);
      if (rows.rows() == 0) {
        return;
      }
      ImportingComponents.WarmedUp done =
          importing.warmUp(
              rows,
              MAX_PASSES,
              () -> {
                if (!timed) {
                  return false;
                }
                long now = compilation.getTotalCompilationTime();
                boolean settled = ++passes[0] >= 2 && now - last[0] < SETTLED_MILLIS;
                last[0] = now;
                return settled;
              });
      log.info(
          "import path warmed up{}: {} passes over {} synthetic rows ({} accepted) in {} s; JIT"
              + " compilation meanwhile {} s",
          done.stopped() ? " (stopped: an import started)" : "",
          done.passes(),
          rows.rows(),
          done.accepted(),
          String.format("%.2f", (System.nanoTime() - t0) / 1e9),
          timed
              ? String.format("%.2f", (compilation.getTotalCompilationTime() - compiled0) / 1e3)
              : "?");
    } catch (Exception | LinkageError e) {
      log.warn("import warm-up failed (imports are not affected): {}", e.toString());
    }
  }
}
