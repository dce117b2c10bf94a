package io.mouthpiece.engine.speaker;

/**
 * How well one face's mouth moves with the voice around each of its frames: the sync measure of
 * eval (engine.md: Pearson's r of the detrended aperture against the detrended speech envelope,
 * the best over a window of lags, positive lag = the mouth leads the sound) over a sliding window
 * of time instead of a whole clip. In: the face's {@link MouthSeries} and the {@link HeardSpeech}.
 * Out: one r per frame of the face, of the frames within half a window either side of it; NaN
 * where fewer than {@link #MIN_FRAMES} frames fall in the window or either side is flat there.
 *
 * <p>Running sums per lag make it one pass per lag, however long the window: the slow, obvious
 * version (a Pearson per frame and lag) is what the test checks it against.
 */
public final class WindowedSync {
  /** Fewer frames than this in a window give no r: at 12.5 frames a second, under a second of face. */
  public static final int MIN_FRAMES = 10;

  private WindowedSync() {}

  /**
   * r per frame of {@code mouth}, the best over {@code lagsMs}, each frame's window being the frames
   * within {@code windowSec / 2} of it.
   */
  public static double[] of(MouthSeries mouth, HeardSpeech speech, double windowSec, int[] lagsMs) {
    double[] t = mouth.timesSec();
    int n = t.length;
    double[] x = detrend(t, mouth.aperture(), HeardSpeech.DETREND_SEC);
    double[] best = new double[n];
    java.util.Arrays.fill(best, Double.NaN);
    int[] lo = new int[n];
    int[] hi = new int[n];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      while (t[a] < t[i] - windowSec / 2) {
        a++;
      }
      while (b < n && t[b] <= t[i] + windowSec / 2) {
        b++;
      }
      lo[i] = a;
      hi[i] = b;
    }
    double[] sx = prefix(x, null);
    double[] sxx = prefix(x, x);
    for (int lag : lagsMs) {
      double[] y = new double[n];
      for (int j = 0; j < n; j++) {
        y[j] = speech.envelope(t[j] + lag / 1000.0);
      }
      double[] sy = prefix(y, null);
      double[] syy = prefix(y, y);
      double[] sxy = prefix(x, y);
      for (int i = 0; i < n; i++) {
        int m = hi[i] - lo[i];
        if (m < MIN_FRAMES) {
          continue;
        }
        double mx = sx[hi[i]] - sx[lo[i]];
        double my = sy[hi[i]] - sy[lo[i]];
        double cov = (sxy[hi[i]] - sxy[lo[i]]) - mx * my / m;
        double vx = (sxx[hi[i]] - sxx[lo[i]]) - mx * mx / m;
        double vy = (syy[hi[i]] - syy[lo[i]]) - my * my / m;
        if (vx <= 1e-12 * m || vy <= 1e-12 * m) {
          continue;
        }
        double r = cov / Math.sqrt(vx * vy);
        if (Double.isNaN(best[i]) || r > best[i]) {
          best[i] = r;
        }
      }
    }
    return best;
  }

  /**
   * The plain version for one stretch of frames: r of the detrended aperture of frames {@code
   * [from, to)} against the envelope read {@code shiftSec} later (looped around the sound's end),
   * the best over {@code lagsMs}; NaN when undefined at every lag.
   *
   * @param detrended the face's aperture after {@link #detrend}
   */
  public static double bestR(MouthSeries mouth, double[] detrended, int from, int to, HeardSpeech speech, int[] lagsMs,
      double shiftSec) {
    double best = Double.NaN;
    int m = to - from;
    for (int lag : lagsMs) {
      double mx = 0;
      double my = 0;
      double[] y = new double[m];
      for (int j = 0; j < m; j++) {
        double t = mouth.timesSec()[from + j] + lag / 1000.0 + shiftSec;
        y[j] = shiftSec == 0 ? speech.envelope(t) : speech.envelopeLooped(t);
        mx += detrended[from + j];
        my += y[j];
      }
      mx /= m;
      my /= m;
      double sxy = 0;
      double sxx = 0;
      double syy = 0;
      for (int j = 0; j < m; j++) {
        double dx = detrended[from + j] - mx;
        double dy = y[j] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
      if (sxx > 0 && syy > 0) {
        double r = sxy / Math.sqrt(sxx * syy);
        best = Double.isNaN(best) || r > best ? r : best;
      }
    }
    return best;
  }

  /** Running sums of a[j] (times b[j] when given), from 0: out[k] is the sum over j < k. */
  private static double[] prefix(double[] a, double[] b) {
    double[] out = new double[a.length + 1];
    for (int j = 0; j < a.length; j++) {
      out[j + 1] = out[j] + (b == null ? a[j] : a[j] * b[j]);
    }
    return out;
  }

  /** Each value minus the mean of the values within {@code windowSec / 2} of its time (eval's detrend). */
  public static double[] detrend(double[] timesSec, double[] values, double windowSec) {
    int n = values.length;
    double[] out = new double[n];
    double sum = 0;
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      while (b < n && timesSec[b] <= timesSec[i] + windowSec / 2) {
        sum += values[b++];
      }
      while (timesSec[a] < timesSec[i] - windowSec / 2) {
        sum -= values[a++];
      }
      out[i] = values[i] - sum / (b - a);
    }
    return out;
  }
}
