package io.mouthpiece.engine.media;

import java.util.List;

/**
 * The output soundtrack: {@code originalGain ×} the video's own sound plus every piece placed at
 * its insert time with its gain, cut to exactly the video's duration and passed through a
 * {@link Limiter} so a loud sum is turned down, never clipped.
 *
 * @param originalGain the gain of the video's own sound; no effect on a silent video
 */
public record AudioPlan(List<AudioPiece> pieces, double originalGain) {
  public AudioPlan {
    pieces = List.copyOf(pieces);
    if (!(originalGain >= 0) || Double.isInfinite(originalGain)) {
      throw new IllegalArgumentException("bad original gain: " + originalGain);
    }
  }

  /**
   * The mixed, limited soundtrack as a stream of exactly
   * {@code round(durationUs × sampleRate / 1e6)} sample frames.
   *
   * @param originalOrNull the video's own sound at {@code sampleRate} (any channel count), or null
   *     for a silent video; read only as far as the video lasts, closed with the returned stream
   * @throws IllegalArgumentException when a piece or the original is at another sample rate:
   *     decode them at the output rate ({@link AudioReader#decode}) first
   */
  public AudioStream mix(AudioStream originalOrNull, long durationUs, int sampleRate, int channels) {
    if (durationUs < 0 || sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException("bad output: " + durationUs + " us, " + sampleRate + " Hz, " + channels + " ch");
    }
    if (originalOrNull != null && originalOrNull.sampleRate() != sampleRate) {
      throw new IllegalArgumentException("the original sound is at " + originalOrNull.sampleRate()
          + " Hz, the output at " + sampleRate + " Hz: open it at the output rate");
    }
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).audio().sampleRate() != sampleRate) {
        throw new IllegalArgumentException("piece " + i + " is at " + pieces.get(i).audio().sampleRate()
            + " Hz, the output at " + sampleRate + " Hz: decode it at the output rate");
      }
    }
    long frames = (durationUs * sampleRate + 500_000) / 1_000_000;
    return new Limiter(new PlanMixer(this, originalOrNull, frames, sampleRate, channels));
  }
}
