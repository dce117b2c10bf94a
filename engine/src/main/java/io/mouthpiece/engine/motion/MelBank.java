package io.mouthpiece.engine.motion;

/** Triangular mel filters over FFT bins (HTK mel scale), the usual speech front end. */
final class MelBank {
  private MelBank() {}

  /** {@code bands} filters × (fft/2 + 1) bin weights, from {@code loHz} to {@code hiHz}. */
  static double[][] triangles(int bands, int fft, int sampleRate, double loHz, double hiHz) {
    double lo = mel(loHz);
    double hi = mel(hiHz);
    double[] edges = new double[bands + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = hz(lo + (hi - lo) * i / (bands + 1));
    }
    int bins = fft / 2 + 1;
    double[][] w = new double[bands][bins];
    for (int b = 0; b < bands; b++) {
      for (int i = 0; i < bins; i++) {
        double f = i * (double) sampleRate / fft;
        double up = (f - edges[b]) / (edges[b + 1] - edges[b]);
        double down = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
        w[b][i] = Math.max(0, Math.min(up, down));
      }
    }
    return w;
  }

  private static double mel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  private static double hz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }
}
