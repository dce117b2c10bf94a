package io.mouthpiece.engine.media;

/**
 * How audio with one channel count is heard at another: mono is copied to every channel at full
 * level, many channels fold to mono as their average, and otherwise a channel keeps its place
 * (channels the output lacks are dropped, channels the input lacks stay silent). The decoder and
 * the mixer both use it, so a mono voice is exactly as loud whichever of them converts it.
 */
final class ChannelMap {
  private ChannelMap() {}

  /** The gain of input channel {@code in} in output channel {@code out}, row-major [out][in]. */
  static double[] matrix(int inChannels, int outChannels) {
    double[] m = new double[outChannels * inChannels];
    for (int out = 0; out < outChannels; out++) {
      for (int in = 0; in < inChannels; in++) {
        double gain;
        if (inChannels == 1) {
          // Full level, not FFmpeg's -3 dB: a mono voice should sound as loud as the same voice
          // recorded on two identical channels.
          gain = 1.0;
        } else if (outChannels == 1) {
          gain = 1.0 / inChannels;
        } else {
          gain = in == out ? 1.0 : 0.0;
        }
        m[out * inChannels + in] = gain;
      }
    }
    return m;
  }

  /**
   * Adds {@code gain ×} the mapped input to the output, frame by frame.
   *
   * @param src interleaved at {@code srcChannels}, read from frame {@code srcFrame}
   * @param dst interleaved at {@code dstChannels}, written from frame {@code dstFrame}
   */
  static void addScaled(float[] src, int srcChannels, int srcFrame, float[] dst, int dstChannels, int dstFrame,
      int frames, double gain) {
    if (srcChannels == dstChannels) {
      // The common case, kept free of the matrix so a gain of 1 adds the input unchanged.
      int s = srcFrame * srcChannels;
      int d = dstFrame * dstChannels;
      for (int i = 0; i < frames * dstChannels; i++) {
        dst[d + i] += (float) (gain * src[s + i]);
      }
      return;
    }
    double[] m = matrix(srcChannels, dstChannels);
    for (int f = 0; f < frames; f++) {
      int s = (srcFrame + f) * srcChannels;
      int d = (dstFrame + f) * dstChannels;
      for (int out = 0; out < dstChannels; out++) {
        double sum = 0;
        for (int in = 0; in < srcChannels; in++) {
          sum += m[out * srcChannels + in] * src[s + in];
        }
        dst[d + out] += (float) (gain * sum);
      }
    }
  }
}
