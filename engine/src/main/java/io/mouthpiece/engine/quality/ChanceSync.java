package io.mouthpiece.engine.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * How high one clip's sync r goes by chance: the null of a single case, for reading its r without
 * over-claiming (engine.md: an unrelated audio reaches r ~ 0.4 on 5 s). In: a case (mouth per frame,
 * speech envelope). Out: a high quantile of the best r in the window -40..+120 ms ({@link
 * PooledSync}) of the same mouth against the same speech rotated in time (read at
 * {@code (t + shift) mod length}), for every shift of at least {@link #MIN_SHIFT_SEC} each way: the
 * same syllable rate and loudness, out of step. NaN when the speech is too short to rotate.
 */
public final class ChanceSync {
  /** Shifts closer to zero than this keep part of the real timing (the detrending window is 1 s). */
  public static final double MIN_SHIFT_SEC = Detrend.WINDOW_SEC;
  /** Shifts step by this at least: finer steps give near-copies of the same r. */
  public static final double STEP_SEC = 0.1;
  /**
   * At most this many shifts (further apart on long speech): a 95th percentile with five above it,
   * and a cost linear in the frames (0.1-0.2 s for a minute at 25 fps on this machine's 2 cores).
   */
  public static final int MAX_SHIFTS = 100;
  /** The quantile read: r above it happens by chance one time in twenty. */
  public static final double QUANTILE = 0.95;

  private ChanceSync() {}

  /** The {@link #QUANTILE} of the rotated cases' best r in the window; NaN when no shift fits. */
  public static double level(SyncCase c) {
    double length = c.envelope().durationSec();
    double step = Math.max(STEP_SEC, (length - 2 * MIN_SHIFT_SEC) / MAX_SHIFTS);
    // The mouth is the same against every rotation: detrended once.
    double[] mouth = Detrend.detrend(c.timesSec(), c.aperture());
    List<Double> best = new ArrayList<>();
    for (double shift = MIN_SHIFT_SEC; shift <= length - MIN_SHIFT_SEC + 1e-9; shift += step) {
      double top = Double.NaN;
      for (int lag = PooledSync.WINDOW_FROM_MS; lag <= PooledSync.WINDOW_TO_MS; lag += SyncCurve.STEP_MS) {
        double r = rotatedR(c, mouth, shift + lag / 1000.0, length);
        if (!Double.isNaN(r) && (Double.isNaN(top) || r > top)) {
          top = r;
        }
      }
      if (!Double.isNaN(top)) {
        best.add(top);
      }
    }
    if (best.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = best.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[(int) Math.floor(QUANTILE * (sorted.length - 1))];
  }

  /** r of the detrended mouth against the detrended envelope read {@code shiftSec} later, wrapping round. */
  private static double rotatedR(SyncCase c, double[] mouthDetrended, double shiftSec, double lengthSec) {
    double[] t = c.timesSec();
    double[] sound = new double[t.length];
    long lengthUs = (long) Math.floor(lengthSec * 1e6);
    for (int i = 0; i < t.length; i++) {
      // As SyncCase.pairsAt: frames without a face are left out of both series before detrending.
      sound[i] = Double.isNaN(c.aperture()[i]) ? Double.NaN
          : c.envelope().energyDb(Math.floorMod((long) Math.floor((t[i] + shiftSec) * 1e6), lengthUs) / 1e6);
    }
    return Correlation.pearson(mouthDetrended, Detrend.detrend(t, sound));
  }
}
