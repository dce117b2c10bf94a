package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.media.PcmAudio;

/**
 * Mono at another sample rate: channels averaged, then a windowed-sinc interpolator (Blackman,
 * 16 zero crossings each side, normalised to unity gain) whose cut-off sits below both Nyquist rates, so nothing above
 * 8 kHz folds back into the bands the features read. Sample i of the output is at time
 * {@code i / outRate}, the same origin as the input's sample 0.
 */
final class Resampler {
  private static final int ZERO_CROSSINGS = 16;

  private Resampler() {}

  static float[] mono(PcmAudio audio, int outRate) {
    int channels = audio.channels();
    int frames = audio.frames();
    float[] mono = new float[frames];
    float[] s = audio.samples();
    for (int i = 0; i < frames; i++) {
      float sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += s[i * channels + c];
      }
      mono[i] = sum / channels;
    }
    return audio.sampleRate() == outRate ? mono : resample(mono, audio.sampleRate(), outRate);
  }

  static float[] resample(float[] in, int inRate, int outRate) {
    double ratio = (double) outRate / inRate;
    int outLength = (int) Math.floor(in.length * ratio);
    float[] out = new float[outLength];
    // Cut-off as a fraction of the input rate, a little under the lower Nyquist.
    double cutoff = 0.95 * 0.5 * Math.min(1.0, ratio);
    double halfWidth = ZERO_CROSSINGS / (2 * cutoff);
    // Output sample i sits at input position i·inRate/outRate: its fractional part takes only
    // outRate/gcd values, so each phase's taps are computed once (the sines and cosines per tap
    // per sample were seconds of CPU for a minute of speech).
    int g = gcd(inRate, outRate);
    int phases = outRate / g;
    double[][] taps = new double[phases][];
    int[] firstOffset = new int[phases];
    for (int i = 0; i < outLength; i++) {
      long position = (long) i * inRate;
      int base = (int) (position / outRate);
      int phase = (int) (position % outRate) / g;
      if (taps[phase] == null) {
        double fraction = (double) (phase * g) / outRate;
        int first = (int) Math.ceil(fraction - halfWidth);
        int last = (int) Math.floor(fraction + halfWidth);
        double[] t = new double[last - first + 1];
        for (int k = first; k <= last; k++) {
          double x = k - fraction;
          t[k - first] = blackman(x / halfWidth) * sinc(2 * cutoff * x);
        }
        taps[phase] = t;
        firstOffset[phase] = first;
      }
      double[] t = taps[phase];
      int first = base + firstOffset[phase];
      int from = Math.max(0, first);
      int to = Math.min(in.length - 1, first + t.length - 1);
      double sum = 0;
      double norm = 0;
      for (int j = from; j <= to; j++) {
        double w = t[j - first];
        sum += w * in[j];
        norm += w;
      }
      out[i] = norm == 0 ? 0 : (float) (sum / norm);
    }
    return out;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** Blackman window on [-1, 1], 0 outside. */
  private static double blackman(double u) {
    if (u <= -1 || u >= 1) {
      return 0;
    }
    double t = (u + 1) / 2;
    return 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
  }
}
