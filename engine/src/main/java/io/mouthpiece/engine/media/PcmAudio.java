package io.mouthpiece.engine.media;

/**
 * Decoded audio as interleaved float samples in [-1, 1].
 *
 * @param samples interleaved: frame i, channel c is at {@code i * channels + c}
 */
public record PcmAudio(float[] samples, int sampleRate, int channels) {
  public PcmAudio {
    if (sampleRate <= 0 || channels <= 0 || samples.length % channels != 0) {
      throw new IllegalArgumentException(
          "bad PCM layout: " + samples.length + " samples, " + channels + " channels, " + sampleRate + " Hz");
    }
  }

  /** Number of sample frames (one sample per channel each). */
  public int frames() {
    return samples.length / channels;
  }

  public long durationMs() {
    return Math.round(frames() * 1000.0 / sampleRate);
  }

  /** The sample frame at a time, rounded to the nearest one. */
  public long frameAt(long timeMs) {
    return Math.round(timeMs * (double) sampleRate / 1000.0);
  }

  /** The sample frames [fromMs, toMs), with silence where this audio runs short. */
  public PcmAudio slice(long fromMs, long toMs) {
    int from = (int) frameAt(fromMs);
    int to = (int) frameAt(toMs);
    float[] out = new float[Math.max(0, to - from) * channels];
    int available = Math.max(0, Math.min(to, frames()) - from) * channels;
    if (available > 0) {
      System.arraycopy(samples, from * channels, out, 0, available);
    }
    return new PcmAudio(out, sampleRate, channels);
  }
}
