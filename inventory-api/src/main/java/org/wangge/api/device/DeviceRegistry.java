package org.wangge.api.device;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.wangge.api.Database;
import org.wangge.ingest.DeviceDirectory;

/**
 * The device table in memory, for the ingest's look-ups (one per message) and the broker's
 * authentication (one per connection). Reloaded whole after each change through the API: the
 * registry is small (tens of thousands of rows) and changes rarely. Thread-safe; readers see one
 * consistent copy.
 */
@Component
public class DeviceRegistry implements DeviceDirectory {

  /** A registered device as the alarm path needs it. */
  public record Device(
      String id,
      String kind,
      String componentCode,
      String secretHash,
      boolean enabled,
      String devEui) {

    DeviceInfo info() {
      return new DeviceInfo(id, kind, enabled);
    }
  }

  private record Copy(Map<String, Device> byId, Map<String, Device> byEui) {}

  private final Database database;
  private final AtomicReference<Copy> copy = new AtomicReference<>(new Copy(Map.of(), Map.of()));

  DeviceRegistry(Database database) {
    this.database = database;
  }

  /** Reads the whole device table; call at start and after each committed change. */
  public synchronized int reload() {
    Map<String, Device> byId = new HashMap<>();
    Map<String, Device> byEui = new HashMap<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id, kind, component_code, secret_hash, status, dev_eui from device")) {
      while (rs.next()) {
        Device d =
            new Device(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                "ACTIVE".equals(rs.getString(5)),
                rs.getString(6));
        byId.put(d.id(), d);
        if (d.devEui() != null) {
          byEui.put(d.devEui().toLowerCase(Locale.ROOT), d);
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read the device registry: " + e.getMessage(), e);
    }
    copy.set(new Copy(Map.copyOf(byId), Map.copyOf(byEui)));
    return byId.size();
  }

  public Optional<Device> device(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(copy.get().byId().get(id));
  }

  @Override
  public Optional<DeviceInfo> byId(String deviceId) {
    return device(deviceId).map(Device::info);
  }

  @Override
  public Optional<DeviceInfo> byDevEui(String devEui) {
    if (devEui == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(copy.get().byEui().get(devEui.toLowerCase(Locale.ROOT)))
        .map(Device::info);
  }

  /** True for an enabled device whose secret matches: the embedded broker's CONNECT check. */
  public boolean authenticate(String deviceId, byte[] secret) {
    return device(deviceId)
        .filter(Device::enabled)
        .map(d -> DeviceSecrets.matches(secret, d.secretHash()))
        .orElse(false);
  }
}
