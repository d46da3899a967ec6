package org.wangge.bench.alarms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process ({@code /proc/PID/stat} utime + stime) and of the whole machine ({@code
 * /proc/stat}), in cores used over an interval. Linux only; 100 clock ticks per second (the
 * kernel's USER_HZ on every Linux architecture the project runs on).
 */
final class CpuMeter {

  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;
  private final boolean tree;
  private long startTicks;
  private long startNanos;

  /**
   * @param pid a process id, or 0 for the whole machine (busy = user, nice, system, irq, softirq)
   */
  CpuMeter(long pid) {
    this(pid, false);
  }

  /**
   * @param tree also count the direct children, alive (their own time) or reaped (the parent's
   *     cutime/cstime): PostgreSQL's postmaster and its backends
   */
  CpuMeter(long pid, boolean tree) {
    this.pid = pid;
    this.tree = tree;
  }

  void start() {
    startTicks = ticks();
    startNanos = System.nanoTime();
  }

  /** Cores used on average since {@link #start}, or NaN when the process could not be read. */
  double coresUsed() {
    long now = ticks();
    if (now < 0 || startTicks < 0) {
      return Double.NaN;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return (now - startTicks) / TICKS_PER_SECOND / seconds;
  }

  private long ticks() {
    try {
      if (pid == 0) {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 7; i++) {
          if (i != 4 && i != 5) {
            busy += Long.parseLong(f[i]);
          }
        }
        return busy;
      }
      String[] f = fields(pid);
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (tree) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        try (var procs = Files.list(Path.of("/proc"))) {
          for (Path p : (Iterable<Path>) procs::iterator) {
            String name = p.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit)) {
              continue;
            }
            try {
              String[] c = fields(Long.parseLong(name));
              if (Long.parseLong(c[1]) == pid) {
                ticks += Long.parseLong(c[11]) + Long.parseLong(c[12]);
              }
            } catch (IOException | RuntimeException gone) {
              // exited meanwhile: its time is in the parent's cutime once reaped
            }
          }
        }
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String[] fields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
