package org.wangge.bench.alarms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Listens to the platform's live inbox ({@code GET /api/inbox/stream}, server-sent events) and
 * measures publish → SSE latency: the receive time of each {@code case} event minus its {@code
 * lastAlarmAt}, which is the scheduled publish time of the newest alarm folded into the case. Both
 * clocks are this machine's. Only events whose {@code lastAlarmAt} falls in the measured window
 * count.
 */
final class InboxListener implements AutoCloseable {

  private static final Pattern LAST_ALARM_AT =
      Pattern.compile("\"lastAlarmAt\"\\s*:\\s*(?:\"([^\"]+)\"|(-?[0-9]+(?:\\.[0-9]+)?))");
  private static final Pattern CHANGE = Pattern.compile("\"change\"\\s*:\\s*\"([A-Z_]+)\"");

  private final Latencies latencies = new Latencies();
  private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private volatile Instant windowStart = Instant.MAX;
  private volatile Instant windowEnd = Instant.MAX;
  private volatile String failure;
  private volatile boolean connected;
  private Thread reader;
  private volatile Stream<String> lines;

  /** Connects; events are counted from now on, latencies once a window is set. */
  void start(String apiUrl, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/api/inbox/stream"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Basic " + auth)
            .GET()
            .build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /api/inbox/stream answered " + response.statusCode() + ": check the user/password");
    }
    connected = true;
    lines = response.body();
    reader = new Thread(this::read, "inbox-sse");
    reader.setDaemon(true);
    reader.start();
  }

  /** Latencies count for events whose newest alarm was scheduled within [start, end). */
  void window(Instant start, Instant end) {
    this.windowStart = start;
    this.windowEnd = end;
  }

  private void read() {
    String event = "message";
    StringBuilder data = new StringBuilder();
    try {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            dispatch(event, data.toString(), Instant.now());
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(5).stripLeading());
        }
      }
      failure = "the stream ended";
    } catch (RuntimeException e) {
      if (connected) {
        failure = e.toString();
      }
    }
  }

  void dispatch(String event, String data, Instant received) {
    if (!"case".equals(event)) {
      return;
    }
    events.incrementAndGet();
    Matcher change = CHANGE.matcher(data);
    changes
        .computeIfAbsent(change.find() ? change.group(1) : "?", k -> new AtomicLong())
        .incrementAndGet();
    Matcher at = LAST_ALARM_AT.matcher(data);
    if (!at.find()) {
      unreadable.incrementAndGet();
      return;
    }
    Instant last;
    try {
      // An ISO-8601 string, or epoch seconds with a fraction if dates are written as numbers.
      last =
          at.group(1) != null
              ? Instant.parse(at.group(1))
              : Instant.EPOCH.plusNanos(
                  new java.math.BigDecimal(at.group(2)).movePointRight(9).longValueExact());
    } catch (RuntimeException e) {
      unreadable.incrementAndGet();
      return;
    }
    if (!last.isBefore(windowStart) && last.isBefore(windowEnd)) {
      Duration d = Duration.between(last, received);
      latencies.add(d.toNanos() / 1000);
    }
  }

  Latencies latencies() {
    return latencies;
  }

  long events() {
    return events.get();
  }

  Map<String, AtomicLong> changes() {
    return changes;
  }

  long unreadable() {
    return unreadable.get();
  }

  /** Why the stream stopped early, or {@code null}. */
  String failure() {
    return failure;
  }

  @Override
  public void close() {
    connected = false;
    Stream<String> s = lines;
    if (s != null) {
      s.close();
    }
  }
}
