package io.mouthpiece.engine.quality;

/** Pearson correlation and z-scores, in one place, skipping NaN. */
public final class Correlation {
  /** Fewer pairs than this carry no correlation worth a number. */
  public static final int MIN_PAIRS = 3;

  private Correlation() {}

  /**
   * Pearson's r of the pairs where neither value is NaN. NaN when fewer than {@link #MIN_PAIRS}
   * such pairs, or when either side is constant over them (r is undefined, not 0).
   */
  public static double pearson(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("series of different lengths: " + a.length + " and " + b.length);
    }
    int n = 0;
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        n++;
        meanA += a[i];
        meanB += b[i];
      }
    }
    if (n < MIN_PAIRS) {
      return Double.NaN;
    }
    meanA /= n;
    meanB /= n;
    // Two passes (means first) rather than running sums: no cancellation on large offsets.
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        double da = a[i] - meanA;
        double db = b[i] - meanB;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
      }
    }
    if (saa <= 0 || sbb <= 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /** (x - mean) / standard deviation over the non-NaN values; NaN stays NaN; all NaN if constant. */
  public static double[] zScore(double[] x) {
    int n = 0;
    double mean = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        n++;
        mean += v;
      }
    }
    double[] z = new double[x.length];
    mean = n == 0 ? 0 : mean / n;
    double ss = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = n == 0 ? 0 : Math.sqrt(ss / n);
    for (int i = 0; i < x.length; i++) {
      z[i] = sd > 0 ? (x[i] - mean) / sd : Double.NaN;
    }
    return z;
  }
}
