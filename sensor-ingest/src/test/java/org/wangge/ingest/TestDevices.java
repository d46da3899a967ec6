package org.wangge.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory device directory for tests. */
public final class TestDevices implements DeviceDirectory {

  private final Map<String, DeviceInfo> byId = new ConcurrentHashMap<>();
  private final Map<String, DeviceInfo> byEui = new ConcurrentHashMap<>();

  public TestDevices add(String id, String kind) {
    byId.put(id, new DeviceInfo(id, kind, true));
    return this;
  }

  public TestDevices addLora(String id, String kind, String devEui, boolean enabled) {
    DeviceInfo info = new DeviceInfo(id, kind, enabled);
    byId.put(id, info);
    byEui.put(devEui.toLowerCase(Locale.ROOT), info);
    return this;
  }

  public TestDevices disable(String id) {
    DeviceInfo d = byId.get(id);
    byId.put(id, new DeviceInfo(id, d.kind(), false));
    return this;
  }

  @Override
  public Optional<DeviceInfo> byId(String deviceId) {
    return Optional.ofNullable(byId.get(deviceId));
  }

  @Override
  public Optional<DeviceInfo> byDevEui(String devEui) {
    return Optional.ofNullable(byEui.get(devEui.toLowerCase(Locale.ROOT)));
  }
}
