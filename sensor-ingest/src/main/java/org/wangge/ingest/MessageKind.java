package org.wangge.ingest;

/** What a device said. The topic suffix (`…/alarm`, `…/recovery`, `…/heartbeat`) names it. */
public enum MessageKind {
  ALARM,
  RECOVERY,
  HEARTBEAT
}
