package org.wangge.api.importing;

import java.lang.management.CompilationMXBean;
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
 * Once the service is up (after the ready line and the device-alarm path) and the JIT compilers
 * have caught up with the start, takes the import path over synthetic rows on a background thread
 * ({@link ImportingComponents#warmUp}), so that the first survey import of this JVM does not pay
 * for compiling it: a cold first load of the Wujiang CSV spent 2.7 s of its CPU in the compilers,
 * on two cores shared with the import and PostgreSQL. Two to three seconds after the start, on up
 * to two cores (the parser reads ahead on a thread of its own, and the compilers work); an import
 * that starts meanwhile stops it. Off with {@code wangge.import.warm-up=false}.
 */
@Component
class ImportWarmUp {

  private static final Logger log = LoggerFactory.getLogger(ImportWarmUp.class);

  /** Synthetic rows per pass. */
  static final int ROWS = 50_000;

  /** Passes at most; fewer once a pass leaves the compilers with little to do. */
  static final int MAX_PASSES = 4;

  /** A pass after which the compilers worked less than this long ends the warm-up. */
  private static final long SETTLED_MILLIS = 100;

  /**
   * The compilers count as caught up with the start once they work less than this in {@link
   * #QUIET_STEP_MILLIS}: while their queue is long, HotSpot raises the thresholds for optimising a
   * method (by the queue's length), and a pass over the rows would not reach them.
   */
  private static final long QUIET_MILLIS = 10;

  private static final long QUIET_STEP_MILLIS = 100;
  private static final long QUIET_WAIT_MAX_MILLIS = 15_000;

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
    this.enabled = env.getProperty("wangge.import.warm-up", Boolean.class, true);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!enabled || !grids.isLoaded()) {
      return;
    }
    Thread t = new Thread(this::run, "import-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private void run() {
    CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
    boolean timed = compilation != null && compilation.isCompilationTimeMonitoringSupported();
    long t0 = System.nanoTime();
    try {
      if (timed) {
        awaitQuietCompilers(compilation);
      }
      long waited = System.nanoTime() - t0;
      long compiled0 = timed ? compilation.getTotalCompilationTime() : 0;
      long[] last = {compiled0};
      ImportingComponents.WarmedUp done =
          importing.warmUp(
              () -> WarmUpRows.of(district, grids.active(), ClassCatalogue.standard(), ROWS).csv(),
              MAX_PASSES,
              () -> {
                if (!timed) {
                  return true; // one pass
                }
                long now = compilation.getTotalCompilationTime();
                boolean settled = now - last[0] < SETTLED_MILLIS;
                last[0] = now;
                return settled;
              });
      log.info(
          "import path warmed up{}: {} passes over synthetic rows ({} rows, {} accepted, {} encoded{})"
              + " in {} s"
              + " after {} s for the compilers to catch up; JIT compilation meanwhile {} s",
          done.stopped() ? " (stopped: an import started)" : "",
          done.passes(),
          done.rows(),
          done.accepted(),
          done.sent(),
          done.firstLoad() ? ", first-load path" : "",
          String.format("%.2f", (System.nanoTime() - t0 - waited) / 1e9),
          String.format("%.2f", waited / 1e9),
          timed
              ? String.format("%.2f", (compilation.getTotalCompilationTime() - compiled0) / 1e3)
              : "?");
    } catch (Exception | LinkageError e) {
      log.warn("import warm-up failed (imports are not affected): {}", e.toString());
    }
  }

  private static void awaitQuietCompilers(CompilationMXBean compilation)
      throws InterruptedException {
    long deadline = System.nanoTime() + QUIET_WAIT_MAX_MILLIS * 1_000_000;
    long before = compilation.getTotalCompilationTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(QUIET_STEP_MILLIS);
      long now = compilation.getTotalCompilationTime();
      if (now - before < QUIET_MILLIS) {
        return;
      }
      before = now;
    }
  }
}
