package org.wangge.bench.alarms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered stream of the no-loss test: message {@code n} (from 1) carries alarm id {@code
 * <prefix>-<n>} and is, by its number, a malformed payload (→ dead letter), an alarm of an unknown
 * device (→ quarantine) or an alarm of the fleet (→ alarm table, opening or folding into a case).
 * Written to a manifest file before the first message is sent, so that the count can be checked
 * against what was meant, whatever happened to the publisher.
 */
final class NumberedPlan {

  /** Where a message must end up. */
  enum Expect {
    ALARM,
    QUARANTINE,
    DEAD_LETTER
  }

  /** One numbered message; {@code caseKey} is set for alarms only. */
  record Entry(
      long number,
      String alarmId,
      Expect expect,
      String deviceId,
      String alarmType,
      String caseKey) {}

  private NumberedPlan() {}

  static String alarmId(String prefix, long number) {
    return prefix + "-" + number;
  }

  /** Reads the number back from an alarm id or any text that contains one, or -1. */
  static long number(String prefix, String text) {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)").matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * @param malformedEvery every this many-th message is malformed (0: none)
   * @param unknownEvery every this many-th message (if not malformed) comes from an unknown device
   */
  static List<Entry> build(
      String prefix,
      long count,
      int malformedEvery,
      int unknownEvery,
      AlarmMix mix,
      List<FleetDevice> devices) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("the fleet has no active device");
    }
    Set<String> registered = new java.util.HashSet<>();
    for (FleetDevice d : devices) {
      registered.add(d.id());
    }
    List<Entry> plan = new ArrayList<>((int) count);
    for (long n = 1; n <= count; n++) {
      String id = alarmId(prefix, n);
      if (malformedEvery > 0 && n % malformedEvery == 0) {
        String device = devices.get((int) (n % devices.size())).id();
        plan.add(new Entry(n, id, Expect.DEAD_LETTER, device, null, null));
      } else if (unknownEvery > 0 && n % unknownEvery == 0) {
        String device = String.format("TILT-999999-%06d", n % 1_000_000);
        if (registered.contains(device)) {
          throw new IllegalStateException("device " + device + " is registered: not unknown");
        }
        plan.add(new Entry(n, id, Expect.QUARANTINE, device, "COVER_TILT", null));
      } else {
        AlarmMix.Pick pick = mix.next();
        AlarmKey k = pick.key();
        plan.add(new Entry(n, id, Expect.ALARM, k.deviceId(), k.alarmType(), k.caseKey()));
      }
    }
    return plan;
  }

  static void write(Path file, List<Entry> plan) {
    List<String> lines = new ArrayList<>(plan.size() + 1);
    lines.add("# number\talarmId\texpect\tdeviceId\talarmType\tcaseKey");
    for (Entry e : plan) {
      lines.add(
          e.number()
              + "\t"
              + e.alarmId()
              + "\t"
              + e.expect()
              + "\t"
              + e.deviceId()
              + "\t"
              + (e.alarmType() == null ? "" : e.alarmType())
              + "\t"
              + (e.caseKey() == null ? "" : e.caseKey()));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> read(Path file) {
    try {
      List<Entry> plan = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        plan.add(
            new Entry(
                Long.parseLong(f[0]),
                f[1],
                Expect.valueOf(f[2]),
                f[3],
                f[4].isEmpty() ? null : f[4],
                f[5].isEmpty() ? null : f[5]));
      }
      return plan;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
