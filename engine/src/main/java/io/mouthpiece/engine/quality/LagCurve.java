package io.mouthpiece.engine.quality;

/**
 * A correlation as a function of lag. Positive lag: the mouth leads the sound (the audio is read
 * that much later than the frame).
 *
 * @param lagsMs lags in milliseconds, increasing
 * @param r Pearson's r at each lag; NaN where undefined
 */
public record LagCurve(int[] lagsMs, double[] r) {
  public LagCurve {
    if (lagsMs.length != r.length || lagsMs.length == 0) {
      throw new IllegalArgumentException("need one r per lag, and at least one: " + lagsMs.length + " lags, " + r.length + " r");
    }
  }

  /** r at exactly this lag; NaN if the curve has no such lag. */
  public double rAt(int lagMs) {
    for (int i = 0; i < lagsMs.length; i++) {
      if (lagsMs[i] == lagMs) {
        return r[i];
      }
    }
    return Double.NaN;
  }

  /** The lag of the highest r over the whole curve (the earliest on a tie); the first lag if all NaN. */
  public int peakLagMs() {
    return lagsMs[best(Integer.MIN_VALUE, Integer.MAX_VALUE)];
  }

  /** The highest r over the whole curve; NaN if all are. */
  public double peakR() {
    return r[best(Integer.MIN_VALUE, Integer.MAX_VALUE)];
  }

  /** The lag of the highest r with {@code fromMs <= lag <= toMs}. */
  public int bestLagMs(int fromMs, int toMs) {
    return lagsMs[best(fromMs, toMs)];
  }

  /** The highest r with {@code fromMs <= lag <= toMs}; NaN if none is defined. */
  public double bestR(int fromMs, int toMs) {
    return r[best(fromMs, toMs)];
  }

  private int best(int fromMs, int toMs) {
    int best = -1;
    int first = -1;
    for (int i = 0; i < lagsMs.length; i++) {
      if (lagsMs[i] < fromMs || lagsMs[i] > toMs) {
        continue;
      }
      if (first < 0) {
        first = i;
      }
      if (!Double.isNaN(r[i]) && (best < 0 || r[i] > r[best])) {
        best = i;
      }
    }
    if (first < 0) {
      throw new IllegalArgumentException("no lag in " + fromMs + ".." + toMs + " ms");
    }
    return best < 0 ? first : best;
  }
}
