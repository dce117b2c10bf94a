package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.Random;

/**
 * Speech-like test audio made by hand: "syllables" of a harmonic buzz (120 Hz voice through two
 * formant-like resonances) with some noise, amplitude-modulated at 4 Hz, with exact silences where asked.
 */
final class SyntheticSpeech {
  private SyntheticSpeech() {}

  /** Mono PCM of {@code seconds} at {@code rate}, silent inside each [start, end) of {@code silencesSec}. */
  static float[] mono(int rate, double seconds, double[][] silencesSec) {
    return mono(rate, seconds, silencesSec, 0.01);
  }

  /** The same with Gaussian noise of {@code noise} rms over the voice (0: a clean voice). */
  static float[] mono(int rate, double seconds, double[][] silencesSec, double noise) {
    Random random = new Random(7);
    int n = (int) Math.round(seconds * rate);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) rate;
      boolean silent = false;
      for (double[] s : silencesSec) {
        silent |= t >= s[0] && t < s[1];
      }
      if (silent) {
        continue;
      }
      double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
      double voice = 0;
      for (int h = 1; h <= 30; h++) {
        double f = 120 * h;
        double formants = Math.exp(-Math.pow((f - 700) / 200, 2)) + 0.6 * Math.exp(-Math.pow((f - 1800) / 300, 2)) + 0.05;
        voice += formants * Math.sin(2 * Math.PI * f * t);
      }
      out[i] = (float) (0.1 * envelope * voice + noise * random.nextGaussian());
    }
    return out;
  }

  /** The same as {@link #mono}, as stereo PCM (both channels equal). */
  static PcmAudio stereo(int rate, double seconds, double[][] silencesSec, double noise) {
    float[] m = mono(rate, seconds, silencesSec, noise);
    float[] s = new float[m.length * 2];
    for (int i = 0; i < m.length; i++) {
      s[2 * i] = m[i];
      s[2 * i + 1] = m[i];
    }
    return new PcmAudio(s, rate, 2);
  }
}
