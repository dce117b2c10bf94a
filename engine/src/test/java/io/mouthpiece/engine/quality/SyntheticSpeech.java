package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.Random;

/**
 * Made-up speech whose every detail the tests know: a syllable-rate loudness m(t) in [0, 1]
 * (random bumps about 4 a second), audio that is a 1 kHz tone at that loudness, and frame times.
 */
final class SyntheticSpeech {
  /** Bump centres and widths: m(t) is their sum, clipped to 1. */
  private final double[] centresSec;
  private final double[] widthsSec;

  SyntheticSpeech(long seed, double durationSec) {
    Random random = new Random(seed);
    int n = (int) (durationSec * 4);
    centresSec = new double[n];
    widthsSec = new double[n];
    for (int i = 0; i < n; i++) {
      centresSec[i] = random.nextDouble() * durationSec;
      widthsSec[i] = 0.03 + 0.05 * random.nextDouble();
    }
  }

  /** The loudness at a time. */
  double loudness(double t) {
    double sum = 0;
    for (int i = 0; i < centresSec.length; i++) {
      double z = (t - centresSec[i]) / widthsSec[i];
      sum += z > 6 || z < -6 ? 0 : Math.exp(-0.5 * z * z);
    }
    return Math.min(1, sum);
  }

  /** Mono audio whose loudness at t is m(t - delaySec): the sound comes delaySec after m. */
  PcmAudio audio(double durationSec, int sampleRate, double delaySec) {
    float[] s = new float[(int) (durationSec * sampleRate)];
    for (int i = 0; i < s.length; i++) {
      double t = i / (double) sampleRate;
      s[i] = (float) ((0.003 + 0.5 * loudness(t - delaySec)) * Math.sin(2 * Math.PI * 1000 * t));
    }
    return new PcmAudio(s, sampleRate, 1);
  }

  /** An aperture per frame that follows m(t): 0.03 closed to 0.33 wide open. */
  double[] aperture(double[] timesSec) {
    double[] a = new double[timesSec.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.03 + 0.3 * loudness(timesSec[i]);
    }
    return a;
  }

  /** Frames at a constant rate. */
  static double[] frameTimes(double durationSec, double fps) {
    double[] t = new double[(int) (durationSec * fps)];
    for (int i = 0; i < t.length; i++) {
      t[i] = i / fps;
    }
    return t;
  }

  /** Frames at an uneven rate: each gap 20 to 60 ms, as a variable-frame-rate phone video. */
  static double[] unevenFrameTimes(double durationSec, long seed) {
    Random random = new Random(seed);
    double[] t = new double[(int) (durationSec / 0.02) + 1];
    int n = 0;
    for (double now = 0; now < durationSec; now += 0.02 + 0.04 * random.nextDouble()) {
      t[n++] = now;
    }
    return java.util.Arrays.copyOf(t, n);
  }
}
