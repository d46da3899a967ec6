package org.wangge.api.device;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * When each device was last heard from and its last battery reading: exact in memory, written to
 * the {@code device} row coarsely. The alarm path writes a device's row only when the database's
 * last-seen is older than the resolution ({@code wangge.devices.last-seen-resolution}, one minute
 * by default) or the battery reading changed; the API shows the newer of the row and this memory.
 *
 * <p>At 5,000 alarms/s from 30,000 devices, writing every message's last-seen was 5,000 row updates
 * a second inside the alarm transactions; with a one-minute resolution it is at most one update per
 * device and minute. What the database may miss after a crash is less than the resolution of
 * last-seen (the alarms themselves are all stored, with their receive time).
 *
 * <p>Each device's messages are processed by one alarm-log worker at a time; the maps are
 * concurrent because the API reads them.
 */
@Component
public class DevicePresence {

  /** A device's last-seen (epoch microseconds) and battery reading ({@code null}: none yet). */
  public record Seen(long micros, Double battery) {

    /** The later last-seen, and the other's battery reading if it has one. */
    public Seen newer(Seen other) {
      return new Seen(
          Math.max(micros, other.micros), other.battery != null ? other.battery : battery);
    }
  }

  private final long resolutionMicros;

  /** The newest committed values. */
  private final Map<String, Seen> latest = new ConcurrentHashMap<>();

  /** What this process last wrote into each device's row. */
  private final Map<String, Seen> written = new ConcurrentHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  DevicePresence(Environment env) {
    this(
        env.getProperty(
            "wangge.devices.last-seen-resolution", Duration.class, Duration.ofMinutes(1)));
  }

  public DevicePresence(Duration resolution) {
    if (resolution.isNegative()) {
      throw new IllegalArgumentException(
          "last-seen resolution must not be negative: " + resolution);
    }
    this.resolutionMicros = resolution.toNanos() / 1_000;
  }

  /**
   * True if the device's row must be written for this newest message of a batch: never written by
   * this process, last-seen in the row older than the resolution, or a new battery reading.
   */
  public boolean due(String deviceId, Seen seen) {
    Seen w = written.get(deviceId);
    return w == null
        || seen.micros() - w.micros() >= resolutionMicros
        || (seen.battery() != null && !seen.battery().equals(w.battery()));
  }

  /**
   * Records a committed batch: {@code seen} holds each device's newest message of the batch, {@code
   * rows} those whose device row the batch wrote.
   */
  public void committed(Map<String, Seen> seen, Iterable<String> rows) {
    for (String id : rows) {
      Seen s = seen.get(id);
      written.merge(id, s, Seen::newer);
    }
    seen.forEach((id, s) -> latest.merge(id, s, Seen::newer));
  }

  /**
   * The device row as the API returns it ({@code lastSeen}, {@code batteryPercent}), with the newer
   * values from memory where the row lags behind.
   */
  public Map<String, Object> overlay(Map<String, Object> row) {
    Seen s = latest.get(String.valueOf(row.get("id")));
    if (s == null) {
      return row;
    }
    Instant seen = Instant.EPOCH.plus(s.micros(), ChronoUnit.MICROS);
    Object stored = row.get("lastSeen");
    Instant rowSeen =
        stored instanceof OffsetDateTime t ? t.toInstant() : stored instanceof Instant i ? i : null;
    if (rowSeen != null && !rowSeen.isBefore(seen)) {
      return row;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>(row);
    out.put("lastSeen", seen.atOffset(ZoneOffset.UTC));
    if (s.battery() != null) {
      out.put("batteryPercent", java.math.BigDecimal.valueOf(s.battery()));
    }
    return out;
  }
}
