package org.wangge.api.casefile;

import java.time.Instant;

/**
 * A change of a case as the unit inbox sees it, sent right after the commit that made it.
 *
 * @param change OPENED, FOLDED (repeated alarms counted in) or RECOVERED (the device reported
 *     recovery)
 * @param lastAlarmAt the device time of the newest alarm counted in
 */
public record CaseEvent(
    long caseId,
    String caseNumber,
    String unitId,
    String change,
    String status,
    String alarmType,
    String componentCode,
    String deviceId,
    String gridCode,
    int alarmCount,
    Instant firstAlarmAt,
    Instant lastAlarmAt,
    Instant recoveredAt,
    Instant dueAt,
    boolean flagged) {}
