package io.mouthpiece.engine.quality;

/**
 * Lip-sync as a correlation curve (engine.md, "Measuring lip-sync quality"). In: one video's
 * aperture per frame and an audio's speech envelope. Out: Pearson's r of the detrended aperture
 * at t against the detrended envelope at t + lag, for lags -300..+300 ms in 10 ms steps.
 * Positive lag: the mouth leads the sound. Frames without a face are left out.
 *
 * <p>One short clip's curve is noisy (an unrelated audio can reach r ~ 0.4 at some lag by
 * chance): judge pooled curves ({@link PooledSync}), not one clip's peak.
 */
public final class SyncCurve {
  public static final int MIN_LAG_MS = -300;
  public static final int MAX_LAG_MS = 300;
  public static final int STEP_MS = 10;

  private SyncCurve() {}

  /** The lags every curve is measured at: -300, -290, ..., +300 ms. */
  public static int[] lagsMs() {
    int[] lags = new int[(MAX_LAG_MS - MIN_LAG_MS) / STEP_MS + 1];
    for (int i = 0; i < lags.length; i++) {
      lags[i] = MIN_LAG_MS + i * STEP_MS;
    }
    return lags;
  }

  /** The curve of one case. */
  public static LagCurve of(SyncCase c) {
    int[] lags = lagsMs();
    double[] r = new double[lags.length];
    for (int i = 0; i < lags.length; i++) {
      double[][] pairs = c.pairsAt(lags[i]);
      r[i] = Correlation.pearson(pairs[0], pairs[1]);
    }
    return new LagCurve(lags, r);
  }
}
