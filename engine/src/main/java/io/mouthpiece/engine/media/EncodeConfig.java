package io.mouthpiece.engine.media;

/**
 * How output mp4 files are encoded. The defaults keep untouched frames visually lossless
 * (x264 CRF 18) and play in every browser (H.264 High, yuv420p, AAC-LC, moov atom first).
 *
 * @param crf x264 constant rate factor, 0 (lossless) to 51; OpenH264 ignores it and uses
 *     {@code fallbackBitsPerPixel}
 * @param preset x264 speed preset (ultrafast ... veryslow)
 * @param audioBitrate AAC bit rate in bits per second
 * @param audioSampleRate output audio sample rate in Hz
 * @param fallbackBitsPerPixel bit budget per pixel per frame when only OpenH264 is available
 */
public record EncodeConfig(int crf, String preset, int audioBitrate, int audioSampleRate,
    double fallbackBitsPerPixel) {

  public static final EncodeConfig DEFAULT = new EncodeConfig(18, "veryfast", 192_000, 48_000, 0.25);

  /** Throws with the field and the rule when a value is out of range. */
  public EncodeConfig {
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("crf: must be 0 to 51, got " + crf);
    }
    if (!java.util.Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
        "slower", "veryslow").contains(preset)) {
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
