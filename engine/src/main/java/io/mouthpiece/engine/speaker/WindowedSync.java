package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;

/**
 * How well one face's mouth moves with the voice around each of its frames: the sync measure of
 * eval (engine.md: Pearson's r of the detrended aperture against a detrended cue of the sound,
 * there the speech envelope, the best over a window of lags, positive lag = the mouth leads the
 * sound) over a sliding window of time instead of a whole clip. With a cue of several series (the
 * predicted aperture, width and jaw) r is the mean of each series' r against the face's own param
 * at the same lag: one lag for the whole mouth. In: the face's {@link MouthSeries} and a {@link
 * SoundCue}. Out: one r per frame of the face, of the frames within half a window either side of
 * it; NaN where fewer than {@link #MIN_FRAMES} frames fall in the window or a side is flat there.
 *
 * <p>Running sums per lag make it one pass per lag, however long the window: the slow, obvious
 * version (a Pearson per frame and lag) is what the test checks it against.
 */
public final class WindowedSync {
  /** Fewer frames than this in a window give no r: at 12.5 frames a second, under a second of face. */
  public static final int MIN_FRAMES = 10;

  private WindowedSync() {}

  /**
   * r per frame of a face (its frames' times {@code t} and its params {@link #detrended}), the best
   * over {@code lagsMs}, each frame's window being the frames within {@code windowSec / 2} of it.
   */
  public static double[] of(double[] t, double[][] x, SoundCue cue, double windowSec, int[] lagsMs) {
    int n = t.length;
    double[] best = new double[n];
    Arrays.fill(best, Double.NaN);
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
    int series = cue.count();
    double[][] sx = new double[series][];
    double[][] sxx = new double[series][];
    for (int c = 0; c < series; c++) {
      sx[c] = prefix(x[cue.param(c)], null);
      sxx[c] = prefix(x[cue.param(c)], x[cue.param(c)]);
    }
    double[] sum = new double[n];
    for (int lag : lagsMs) {
      Arrays.fill(sum, 0);
      for (int c = 0; c < series; c++) {
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
          y[j] = cue.at(c, t[j] + lag / 1000.0);
        }
        double[] sy = prefix(y, null);
        double[] syy = prefix(y, y);
        double[] sxy = prefix(x[cue.param(c)], y);
        for (int i = 0; i < n; i++) {
          int m = hi[i] - lo[i];
          if (m < MIN_FRAMES) {
            sum[i] = Double.NaN;
            continue;
          }
          double mx = sx[c][hi[i]] - sx[c][lo[i]];
          double my = sy[hi[i]] - sy[lo[i]];
          double cov = (sxy[hi[i]] - sxy[lo[i]]) - mx * my / m;
          double vx = (sxx[c][hi[i]] - sxx[c][lo[i]]) - mx * mx / m;
          double vy = (syy[hi[i]] - syy[lo[i]]) - my * my / m;
          sum[i] += vx <= 1e-12 * m || vy <= 1e-12 * m ? Double.NaN : cov / Math.sqrt(vx * vy);
        }
      }
      for (int i = 0; i < n; i++) {
        double r = sum[i] / series;
        if (!Double.isNaN(r) && (Double.isNaN(best[i]) || r > best[i])) {
          best[i] = r;
        }
      }
    }
    return best;
  }

  /**
   * The plain version for one stretch of frames: r of the detrended mouth of frames {@code [from,
   * to)} against the cue read {@code shiftSec} later (looped around the sound's end), the best over
   * {@code lagsMs}; NaN when undefined at every lag.
   *
   * @param timesSec the frames' times
   * @param detrended the face's params after {@link #detrended}, one column per param
   */
  public static double bestR(double[] timesSec, double[][] detrended, int from, int to, SoundCue cue, int[] lagsMs,
      double shiftSec) {
    double best = Double.NaN;
    for (int lag : lagsMs) {
      double sum = 0;
      for (int c = 0; c < cue.count(); c++) {
        double[] x = detrended[cue.param(c)];
        double[] y = new double[to - from];
        for (int j = 0; j < y.length; j++) {
          double t = timesSec[from + j] + lag / 1000.0 + shiftSec;
          y[j] = shiftSec == 0 ? cue.at(c, t) : cue.looped(c, t);
        }
        sum += pearson(x, from, y);
      }
      double r = sum / cue.count();
      best = Double.isNaN(best) || r > best ? r : best;
    }
    return best;
  }

  /**
   * Pearson's r of {@code x[from..]} against {@code y}; NaN when either is flat. Its own, not
   * quality.Correlation's: the stages do not use the measuring package (ArchitectureTest), which
   * grades what they make.
   */
  private static double pearson(double[] x, int from, double[] y) {
    int m = y.length;
    double mx = 0;
    double my = 0;
    for (int j = 0; j < m; j++) {
      mx += x[from + j];
      my += y[j];
    }
    mx /= m;
    my /= m;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int j = 0; j < m; j++) {
      double dx = x[from + j] - mx;
      double dy = y[j] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }

  /** Each of the face's params detrended ({@link #detrend}), one column per {@link MouthParams} param. */
  public static double[][] detrended(MouthSeries mouth) {
    double[][] out = new double[MouthParams.COUNT][];
    for (int p = 0; p < out.length; p++) {
      out[p] = detrend(mouth.timesSec(), mouth.column(p), HeardSpeech.DETREND_SEC);
    }
    return out;
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
