package io.mouthpiece.engine.quality;

import java.util.List;

/**
 * Lip-sync of a set of cases as one number (engine.md: pool, read in a fixed window, print the
 * null beside it). In: several cases (video mouth against audio). Out: one correlation per lag over
 * all their frames together (each case's detrended series z-scored first, so no case weighs by
 * its loudness or mouth size), the best r within the fixed window -40..+120 ms, the lag of the
 * global peak over -300..+300 ms, and whether that peak falls in the window. A case with too few
 * frames with a face adds nothing.
 */
public final class PooledSync {
  /** The mouth leads the sound slightly: real speech peaks at about +100 ms. */
  public static final int WINDOW_FROM_MS = -40;
  public static final int WINDOW_TO_MS = 120;

  private PooledSync() {}

  /**
   * The pooled measure.
   *
   * @param curve pooled r per lag
   * @param windowR the best r with lag in the window
   * @param windowLagMs where in the window it is
   * @param peakLagMs the lag of the highest r over the whole curve
   * @param peakInWindow whether that peak lies in the window
   * @param frames frames pooled (with a face), at lag 0
   */
  public record Result(LagCurve curve, double windowR, int windowLagMs, int peakLagMs, boolean peakInWindow, int frames) {}

  /** Pools the cases. */
  public static Result of(List<SyncCase> cases) {
    int[] lags = SyncCurve.lagsMs();
    double[] r = new double[lags.length];
    int framesAtZero = 0;
    for (int i = 0; i < lags.length; i++) {
      double[][] pooled = pool(cases, lags[i]);
      r[i] = Correlation.pearson(pooled[0], pooled[1]);
      if (lags[i] == 0) {
        framesAtZero = pooled[0].length;
      }
    }
    LagCurve curve = new LagCurve(lags, r);
    int peak = curve.peakLagMs();
    return new Result(curve, curve.bestR(WINDOW_FROM_MS, WINDOW_TO_MS), curve.bestLagMs(WINDOW_FROM_MS, WINDOW_TO_MS),
        peak, peak >= WINDOW_FROM_MS && peak <= WINDOW_TO_MS, framesAtZero);
  }

  private static double[][] pool(List<SyncCase> cases, int lagMs) {
    double[][][] parts = new double[cases.size()][][];
    int total = 0;
    for (int c = 0; c < parts.length; c++) {
      double[][] pairs = cases.get(c).pairsAt(lagMs);
      double[] mouth = Correlation.zScore(pairs[0]);
      double[] sound = Correlation.zScore(pairs[1]);
      // A case that is flat (or nearly empty) z-scores to NaN: it carries no timing, leave it out.
      boolean usable = mouth.length >= Correlation.MIN_PAIRS && !Double.isNaN(mouth[0]) && !Double.isNaN(sound[0]);
      parts[c] = usable ? new double[][] {mouth, sound} : new double[][] {new double[0], new double[0]};
      total += parts[c][0].length;
    }
    double[][] pooled = new double[2][total];
    int at = 0;
    for (double[][] part : parts) {
      System.arraycopy(part[0], 0, pooled[0], at, part[0].length);
      System.arraycopy(part[1], 0, pooled[1], at, part[1].length);
      at += part[0].length;
    }
    return pooled;
  }
}
