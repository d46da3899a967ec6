package org.wangge.bench.alarms;

/**
 * A registered, active device as the platform's {@code device} table has it.
 *
 * @param kind e.g. {@code COVER_TILT}, {@code LAMP_CONTROLLER}
 * @param componentCode the component it is mounted on, or {@code null}
 */
record FleetDevice(String id, String kind, String componentCode) {}
