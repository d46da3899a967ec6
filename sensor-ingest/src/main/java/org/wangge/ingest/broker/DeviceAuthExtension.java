package org.wangge.ingest.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's only security: the platform account by its password, devices through the
 * {@link BrokerAuthenticator}, each device confined to its own topics when asked.
 */
final class DeviceAuthExtension implements ExtensionMain {

  private static final Logger log = LoggerFactory.getLogger(DeviceAuthExtension.class);

  /** A device id that is safe inside a topic filter: no wildcards, no level separator. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Generous for a bcrypt check; on timeout the CONNECT is refused. */
  private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

  private final BrokerSettings settings;
  private final BrokerAuthenticator devices;
  private final byte[] platformPassword;

  DeviceAuthExtension(BrokerSettings settings, BrokerAuthenticator devices) {
    this.settings = settings;
    this.devices = devices;
    this.platformPassword = settings.platformPassword().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator());
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  private SimpleAuthenticator authenticator() {
    return (SimpleAuthInput input, SimpleAuthOutput output) -> {
      String username = input.getConnectPacket().getUserName().orElse(null);
      byte[] password =
          input.getConnectPacket().getPassword().map(DeviceAuthExtension::bytes).orElse(null);
      if (username == null || password == null) {
        output.failAuthentication(
            ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "user name and password required");
        return;
      }
      if (username.equals(settings.platformUsername())) {
        if (MessageDigest.isEqual(password, platformPassword)) {
          output.authenticateSuccessfully();
        } else {
          output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "refused");
        }
        return;
      }
      if (!SAFE_ID.matcher(username).matches()) {
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "refused");
        return;
      }
      // The device check may hash slowly: run it off the broker's threads.
      Async<SimpleAuthOutput> async = output.async(AUTH_TIMEOUT, TimeoutFallback.FAILURE);
      Services.extensionExecutorService()
          .submit(
              () -> {
                try {
                  if (checkDevice(username, password)) {
                    allowDevice(username, output);
                  } else {
                    output.failAuthentication(
                        ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "refused");
                  }
                } finally {
                  async.resume();
                }
              });
    };
  }

  private boolean checkDevice(String username, byte[] password) {
    try {
      return devices.authenticate(username, password);
    } catch (RuntimeException e) {
      log.warn("device authentication of {} failed; refusing it", username, e);
      return false;
    }
  }

  private void allowDevice(String deviceId, SimpleAuthOutput output) {
    if (settings.restrictDeviceTopics()) {
      ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
      permissions.add(
          Builders.topicPermission()
              .topicFilter("wangge/v1/devices/" + deviceId + "/#")
              .type(TopicPermission.PermissionType.ALLOW)
              .build());
      permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
    output.authenticateSuccessfully();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }
}
