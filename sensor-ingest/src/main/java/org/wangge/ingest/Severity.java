package org.wangge.ingest;

/** How bad a device says its alarm is, from the platform payload's {@code severity}. */
public enum Severity {
  CRITICAL,
  MAJOR,
  MINOR,
  WARNING,
  INFO
}
