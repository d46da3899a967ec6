package org.wangge.ingest.decode;

import java.util.Map;
import java.util.Objects;

/**
 * How the {@link Decoder} reads messages.
 *
 * @param maxPayloadBytes a larger payload becomes a {@code OVERSIZED} dead letter without being
 *     parsed
 * @param uplinkDecoders the ChirpStack uplink decoder for each device kind (upper case, e.g. {@code
 *     COVER_TILT}); an uplink from a device of another kind becomes an {@code UNDECODABLE_UPLINK}
 *     dead letter
 */
public record DecoderSettings(int maxPayloadBytes, Map<String, UplinkDecoder> uplinkDecoders) {

  /** 16 KiB: a platform alarm is ~250 bytes, a ChirpStack uplink event ~1–2 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;

  public DecoderSettings {
    if (maxPayloadBytes < 64) {
      throw new IllegalArgumentException(
          "max payload " + maxPayloadBytes + " bytes is too small for any alarm (at least 64)");
    }
    uplinkDecoders = Map.copyOf(Objects.requireNonNull(uplinkDecoders, "uplink decoders"));
  }

  /** 16 KiB and the decoders of {@link UplinkDecoders#standard()}. */
  public static DecoderSettings defaults() {
    return new DecoderSettings(DEFAULT_MAX_PAYLOAD_BYTES, UplinkDecoders.standard());
  }

  /** The same with another payload limit. */
  public DecoderSettings withMaxPayloadBytes(int bytes) {
    return new DecoderSettings(bytes, uplinkDecoders);
  }
}
