package org.wangge.api.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.routing.TimeLimit;

class WorkingCalendarTest {

  private static Instant cst(String local) {
    return LocalDateTime.parse(local).atZone(WorkingCalendar.CHINA).toInstant();
  }

  @ParameterizedTest(name = "{0} + {1} {2} → {3}")
  @CsvSource({
    // natural time is wall-clock, weekends and nights included
    "2026-11-21T23:00, PT6H, NATURAL, 2026-11-22T05:00",
    // working time: inside the morning span
    "2026-11-23T09:00, PT2H, WORKING, 2026-11-23T11:00",
    // across the lunch break
    "2026-11-23T11:00, PT2H, WORKING, 2026-11-23T14:30",
    // before the day starts: counting starts at 08:30
    "2026-11-23T06:00, PT1H, WORKING, 2026-11-23T09:30",
    // after hours on Friday: Monday morning
    "2026-11-27T18:00, PT4H, WORKING, 2026-11-30T14:00",
    // a whole working day (7.5 h) from Monday 08:30 ends Monday 17:30
    "2026-11-23T08:30, PT7H30M, WORKING, 2026-11-23T17:30",
    // 48 working hours from Monday 08:30: five days are 37.5 h, Monday 45 h, 3 h more on Tuesday
    "2026-11-23T08:30, PT48H, WORKING, 2026-12-01T11:30",
  })
  void dueTimes(String start, String limit, String basis, String due) {
    TimeLimit t = new TimeLimit(Duration.parse(limit), TimeLimit.Basis.valueOf(basis));
    assertThat(WorkingCalendar.due(cst(start), t)).isEqualTo(cst(due));
  }
}
