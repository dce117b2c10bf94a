package io.mouthpiece.engine.quality;

/**
 * Removes slow drift from a series sampled at arbitrary times. In: times (seconds, non-decreasing,
 * any spacing: variable frame rate works) and values (NaN for missing). Out: each value minus the
 * mean of the values within half a window either side of its own time; NaN stays NaN. What is
 * left is the syllable-rate motion the sync measure compares; head nods and level changes go.
 */
public final class Detrend {
  /** About 1 s: longer than a syllable (~200 ms), shorter than a phrase. */
  public static final double WINDOW_SEC = 1.0;

  private Detrend() {}

  /** The values minus their ~1 s centred moving average. */
  public static double[] detrend(double[] timesSec, double[] values) {
    return detrend(timesSec, values, WINDOW_SEC);
  }

  /** The values minus their centred moving average over {@code windowSec}. */
  public static double[] detrend(double[] timesSec, double[] values, double windowSec) {
    double[] mean = movingAverage(timesSec, values, windowSec);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] - mean[i];
    }
    return out;
  }

  /**
   * The mean of the non-NaN values whose time is within {@code windowSec / 2} of each value's
   * time (by time, not by count, so an uneven frame spacing weighs nothing wrongly). Near the
   * ends the window holds fewer values. NaN where the window holds none.
   */
  public static double[] movingAverage(double[] timesSec, double[] values, double windowSec) {
    if (timesSec.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length: " + timesSec.length + " and " + values.length);
    }
    if (!(windowSec > 0)) {
      throw new IllegalArgumentException("windowSec: must be positive, got " + windowSec);
    }
    int n = values.length;
    for (int i = 1; i < n; i++) {
      if (timesSec[i] < timesSec[i - 1]) {
        throw new IllegalArgumentException("times must not decrease: " + timesSec[i - 1] + " then " + timesSec[i]);
      }
    }
    double half = windowSec / 2;
    double[] out = new double[n];
    // A window sliding forward: add values as its front passes them, drop them as its back does.
    int lo = 0;
    int hi = 0;
    double sum = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      while (hi < n && timesSec[hi] <= timesSec[i] + half) {
        if (!Double.isNaN(values[hi])) {
          sum += values[hi];
          count++;
        }
        hi++;
      }
      while (timesSec[lo] < timesSec[i] - half) {
        if (!Double.isNaN(values[lo])) {
          sum -= values[lo];
          count--;
        }
        lo++;
      }
      out[i] = count == 0 ? Double.NaN : sum / count;
    }
    return out;
  }
}
