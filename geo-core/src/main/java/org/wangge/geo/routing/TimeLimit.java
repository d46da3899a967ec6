package org.wangge.geo.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A time limit counted in working time (工作时, on the district's working calendar) or natural time
 * (自然时, wall-clock). Counting the working calendar is the case timer's job, not this value's.
 */
public record TimeLimit(Duration duration, Basis basis) {

  public enum Basis {
    WORKING("工作时间"),
    NATURAL("自然时间");

    private final String zhName;

    Basis(String zhName) {
      this.zhName = zhName;
    }

    public String zhName() {
      return zhName;
    }

    static Basis parse(String text) {
      for (Basis b : values()) {
        if (b.name().equalsIgnoreCase(text.strip()) || b.zhName.equals(text.strip())) {
          return b;
        }
      }
      throw new IllegalArgumentException("time basis '" + text + "' is not WORKING or NATURAL");
    }
  }

  public TimeLimit {
    Objects.requireNonNull(duration, "time limit duration");
    Objects.requireNonNull(basis, "time limit basis");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("time limit " + duration + " must be positive");
    }
    if (duration.toSecondsPart() != 0 || duration.toNanosPart() != 0) {
      throw new IllegalArgumentException("time limit " + duration + " must be whole minutes");
    }
  }

  public static TimeLimit workingHours(long hours) {
    return new TimeLimit(Duration.ofHours(hours), Basis.WORKING);
  }

  public static TimeLimit naturalHours(long hours) {
    return new TimeLimit(Duration.ofHours(hours), Basis.NATURAL);
  }

  public static TimeLimit natural(Duration duration) {
    return new TimeLimit(duration, Basis.NATURAL);
  }

  public static TimeLimit working(Duration duration) {
    return new TimeLimit(duration, Basis.WORKING);
  }

  /** Reads an ISO-8601 duration such as {@code PT4H} and a basis name. */
  static TimeLimit parse(String iso, String basis) {
    Duration d;
    try {
      d = Duration.parse(iso.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + iso + "' is not an ISO-8601 duration such as PT4H or PT30M", e);
    }
    return new TimeLimit(d, Basis.parse(basis));
  }

  /** "4小时（工作时间）". */
  String describeZh() {
    long h = duration.toHours();
    int m = duration.toMinutesPart();
    String amount = (h > 0 ? h + "小时" : "") + (m > 0 ? m + "分钟" : "");
    return amount + "（" + basis.zhName() + "）";
  }

  /** "4 working hours", "2 h 30 min natural time". */
  String describeEn() {
    long h = duration.toHours();
    int m = duration.toMinutesPart();
    String amount =
        ((h > 0 ? h + " h" : "") + (h > 0 && m > 0 ? " " : "") + (m > 0 ? m + " min" : ""));
    return amount + (basis == Basis.WORKING ? " of working time" : " natural time");
  }

  @Override
  public String toString() {
    return duration + " " + basis.name().toLowerCase(Locale.ROOT);
  }
}
