package org.wangge.api.casefile;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.wangge.geo.routing.TimeLimit;

/**
 * Turns a time limit into a due instant. Natural time is wall-clock. Working time (工作时) counts only
 * 08:30–12:00 and 13:30–17:30, Monday to Friday, China Standard Time. Public holidays and make-up
 * working days are not modelled yet: the case-workflow issue brings the district calendar.
 * Immutable and thread-safe.
 */
final class WorkingCalendar {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final LocalTime[][] SPANS = {
    {LocalTime.of(8, 30), LocalTime.of(12, 0)}, {LocalTime.of(13, 30), LocalTime.of(17, 30)}
  };

  private WorkingCalendar() {}

  static Instant due(Instant start, TimeLimit limit) {
    if (limit.basis() == TimeLimit.Basis.NATURAL) {
      return start.plus(limit.duration());
    }
    Duration left = limit.duration();
    ZonedDateTime t = start.atZone(CHINA);
    while (true) {
      if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
        t = t.toLocalDate().plusDays(1).atStartOfDay(CHINA);
        continue;
      }
      for (LocalTime[] span : SPANS) {
        ZonedDateTime from = t.toLocalDate().atTime(span[0]).atZone(CHINA);
        ZonedDateTime to = t.toLocalDate().atTime(span[1]).atZone(CHINA);
        if (!t.isBefore(to)) {
          continue;
        }
        ZonedDateTime begin = t.isAfter(from) ? t : from;
        Duration available = Duration.between(begin, to);
        if (available.compareTo(left) >= 0) {
          return begin.plus(left).toInstant();
        }
        left = left.minus(available);
        t = to;
      }
      t = t.toLocalDate().plusDays(1).atStartOfDay(CHINA);
    }
  }
}
