package io.mouthpiece.engine.media;

/** Finds how far one recording of a sound is shifted against another, by cross-correlation. */
final class AudioCompare {
  private AudioCompare() {}

  /**
   * @param lagMs how much later {@code b} is than {@code a}
   * @param correlation normalised correlation at that lag, 1 for identical waveforms
   */
  record Match(double lagMs, double correlation) {}

  /** Searches lags up to ±30 ms over the 2 s of {@code a} with the most energy. */
  static Match align(float[] a, float[] b, int sampleRate) {
    int maxLag = sampleRate * 30 / 1000;
    int window = Math.min(2 * sampleRate, Math.min(a.length, b.length) - 2 * maxLag);
    int start = loudestWindow(a, window, maxLag, Math.min(a.length, b.length) - maxLag - window);
    double bestR = -2;
    int bestLag = 0;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      double ab = 0;
      double aa = 0;
      double bb = 0;
      for (int i = start; i < start + window; i++) {
        double x = a[i];
        double y = b[i + lag];
        ab += x * y;
        aa += x * x;
        bb += y * y;
      }
      double r = ab / Math.sqrt(aa * bb + 1e-20);
      if (r > bestR) {
        bestR = r;
        bestLag = lag;
      }
    }
    return new Match(bestLag * 1000.0 / sampleRate, bestR);
  }

  private static int loudestWindow(float[] a, int window, int from, int to) {
    int best = from;
    double bestEnergy = -1;
    int step = Math.max(1, window / 8);
    for (int s = from; s <= to; s += step) {
      double e = 0;
      for (int i = s; i < s + window; i++) {
        e += a[i] * a[i];
      }
      if (e > bestEnergy) {
        bestEnergy = e;
        best = s;
      }
    }
    return best;
  }
}
