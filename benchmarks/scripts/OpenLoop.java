import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load for the component box query: N clients, each sending on a fixed schedule so that
 * together they offer a fixed request rate, whether or not earlier answers have come back. Latency
 * is counted from when a request was due, not from when it was sent, so a server that falls behind
 * shows its queueing (no coordinated omission, as in wrk2). Boxes as in {@code bbox.lua}.
 *
 * <pre>
 * WANGGE_AUTH=$(printf 'admin:PASSWORD' | base64) java benchmarks/scripts/OpenLoop.java \
 *   http://localhost:18082 RATE [clients=50] [seconds=30] [warmupSeconds=10] [half=0.0065]
 * </pre>
 *
 * <p>Prints the offered and achieved rate, errors, mean response size and the latency percentiles.
 */
public class OpenLoop {

  public static void main(String[] args) throws Exception {
    System.setProperty("http.maxConnections", "256");
    String base = args[0];
    double rate = Double.parseDouble(args[1]);
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    double half = args.length > 5 ? Double.parseDouble(args[5]) : 0.0065;
    String auth = "Basic " + System.getenv("WANGGE_AUTH");
    if (warmup > 0) {
      run(base, auth, rate, clients, warmup, half, 1);
    }
    long[] lat = run(base, auth, rate, clients, seconds, half, 2);
    System.out.println(report(lat));
  }

  static final AtomicLong errors = new AtomicLong();
  static final AtomicLong bytes = new AtomicLong();
  static String summary;

  static long[] run(
      String base, String auth, double rate, int clients, int seconds, double half, long seed)
      throws Exception {
    errors.set(0);
    bytes.set(0);
    long periodNanos = (long) (clients * 1e9 / rate);
    long start = System.nanoTime() + 100_000_000L;
    long end = start + seconds * 1_000_000_000L;
    long[][] perClient = new long[clients][];
    int[] counts = new int[clients];
    Thread[] threads = new Thread[clients];
    for (int k = 0; k < clients; k++) {
      int client = k;
      threads[k] =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(seed * 1000 + client);
                long[] latencies = new long[(int) (seconds * rate / clients) + 16];
                int n = 0;
                long due = start + client * periodNanos / clients;
                byte[] sink = new byte[1 << 16];
                while (due < end) {
                  long now = System.nanoTime();
                  if (due > now) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                    continue;
                  }
                  double lon = 120.45 + random.nextDouble() * 0.45;
                  double lat = 30.85 + random.nextDouble() * 0.30;
                  String path =
                      String.format(
                          Locale.ROOT,
                          "/api/components?bbox=%.6f,%.6f,%.6f,%.6f&size=2000",
                          lon - half,
                          lat - half,
                          lon + half,
                          lat + half);
                  try {
                    HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
                    c.setRequestProperty("Authorization", auth);
                    if (c.getResponseCode() != 200) {
                      errors.incrementAndGet();
                    }
                    try (InputStream in = c.getInputStream()) {
                      long got = 0;
                      int r;
                      while ((r = in.read(sink)) > 0) {
                        got += r;
                      }
                      bytes.addAndGet(got);
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  }
                  if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                  }
                  latencies[n++] = System.nanoTime() - due;
                  due += periodNanos;
                }
                perClient[client] = latencies;
                counts[client] = n;
              });
      threads[k].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = System.nanoTime() - start;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int k = 0; k < clients; k++) {
      System.arraycopy(perClient[k], 0, all, at, counts[k]);
      at += counts[k];
    }
    Arrays.sort(all);
    summary =
        String.format(
            Locale.ROOT,
            "offered %.0f req/s from %d clients for %d s: %d requests (%.0f req/s achieved), %d"
                + " errors, %.0f kB per response",
            rate,
            clients,
            seconds,
            total,
            total / (elapsed / 1e9),
            errors.get(),
            total == 0 ? 0.0 : bytes.get() / 1024.0 / total);
    return all;
  }

  static String report(long[] sorted) {
    return summary
        + String.format(
            Locale.ROOT,
            "%nlatency from the scheduled send: p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f"
                + " ms, max %.1f ms",
            pct(sorted, 0.50),
            pct(sorted, 0.90),
            pct(sorted, 0.95),
            pct(sorted, 0.99),
            sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
  }

  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
