package io.mouthpiece.engine.media;

import java.util.Set;

/**
 * How output mp4 files are encoded: each field's default is named, and {@link VideoWriter#open}
 * calls {@link #checkValidity()} before it writes. The defaults keep untouched frames visually
 * lossless (x264 CRF 18) and play in every browser (H.264 High, yuv420p, AAC-LC, moov atom first).
 *
 * @param crf x264 constant rate factor, 0 (lossless) to 51; OpenH264 ignores it and uses
 *     {@code fallbackBitsPerPixel}
 * @param preset x264 speed preset (ultrafast ... veryslow)
 * @param audioBitrate AAC bit rate in bits per second
 * @param audioSampleRate output audio sample rate in Hz
 * @param fallbackBitsPerPixel bit budget per pixel per frame when only OpenH264 is available
 * @param tap shown every picture and block of sound handed to the encoders (tests compare renders
 *     through it: {@link EncoderTap}); null: none
 */
public record EncodeConfig(int crf, String preset, int audioBitrate, int audioSampleRate,
    double fallbackBitsPerPixel, EncoderTap tap) {
  public static final int DEFAULT_CRF = 18;
  public static final String DEFAULT_PRESET = "veryfast";
  public static final int DEFAULT_AUDIO_BITRATE = 192_000;
  public static final int DEFAULT_AUDIO_SAMPLE_RATE = 48_000;
  public static final double DEFAULT_FALLBACK_BITS_PER_PIXEL = 0.25;

  /** Every field at its default. */
  public static final EncodeConfig DEFAULT = new EncodeConfig(DEFAULT_CRF, DEFAULT_PRESET, DEFAULT_AUDIO_BITRATE,
      DEFAULT_AUDIO_SAMPLE_RATE, DEFAULT_FALLBACK_BITS_PER_PIXEL, null);

  private static final Set<String> X264_PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
      "medium", "slow", "slower", "veryslow");

  /** The same settings, every writer opened with them showing {@code t} what it encodes. */
  public EncodeConfig withTap(EncoderTap t) {
    return new EncodeConfig(crf, preset, audioBitrate, audioSampleRate, fallbackBitsPerPixel, t);
  }

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("crf: must be 0 to 51, got " + crf);
    }
    if (preset == null || !X264_PRESETS.contains(preset)) {
      throw new IllegalArgumentException("preset: not an x264 preset: " + preset);
    }
    if (audioBitrate < 32_000 || audioBitrate > 512_000) {
      throw new IllegalArgumentException("audioBitrate: must be 32000 to 512000, got " + audioBitrate);
    }
    if (audioSampleRate < 8_000 || audioSampleRate > 96_000) {
      throw new IllegalArgumentException("audioSampleRate: must be 8000 to 96000, got " + audioSampleRate);
    }
  }
}
