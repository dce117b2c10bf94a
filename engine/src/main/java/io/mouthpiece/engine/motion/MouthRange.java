package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;

/**
 * A speaker's own mouth range, per {@link MouthParams} column: the closed mouth, the median and
 * the 5th and 95th percentiles of what the source shows. Models that know speech only in relative
 * terms (loudness, the generic model) are calibrated with it.
 *
 * @param closed the closed mouth's params (e.g. the 5th-percentile aperture frame's)
 */
public record MouthRange(double[] closed, double[] median, double[] p5, double[] p95) {
  /** The range of the measured rows (NaN rows skipped); null when fewer than {@code minRows}. */
  public static MouthRange measure(double[][] params, double[] closed, int minRows) {
    int n = 0;
    for (double[] row : params) {
      n += valid(row) ? 1 : 0;
    }
    if (n < minRows) {
      return null;
    }
    double[] median = new double[MouthParams.COUNT];
    double[] lo = new double[MouthParams.COUNT];
    double[] hi = new double[MouthParams.COUNT];
    for (int p = 0; p < MouthParams.COUNT; p++) {
      double[] col = new double[n];
      int i = 0;
      for (double[] row : params) {
        if (valid(row)) {
          col[i++] = row[p];
        }
      }
      Arrays.sort(col);
      median[p] = VoiceActivity.percentile(col, 0.5);
      lo[p] = VoiceActivity.percentile(col, 0.05);
      hi[p] = VoiceActivity.percentile(col, 0.95);
    }
    return new MouthRange(closed.clone(), median, lo, hi);
  }

  /** The params of the frame at the 5th percentile of aperture: the speaker's closed mouth. */
  public static double[] closedOf(double[][] params) {
    double[][] rows = Arrays.stream(params).filter(MouthRange::valid).toArray(double[][]::new);
    if (rows.length == 0) {
      double[] none = new double[MouthParams.COUNT];
      Arrays.fill(none, Double.NaN);
      return none;
    }
    Arrays.sort(rows, (a, b) -> Double.compare(a[MouthParams.APERTURE], b[MouthParams.APERTURE]));
    return rows[(int) Math.round(0.05 * (rows.length - 1))].clone();
  }

  /** The spread of a column (95th minus 5th percentile), never below a small positive value. */
  public double spread(int param) {
    return Math.max(1e-3, p95[param] - p5[param]);
  }

  /** Every column's spread, as {@link #spread(int)} gives it. */
  public double[] spreads() {
    double[] s = new double[p95.length];
    for (int p = 0; p < s.length; p++) {
      s[p] = spread(p);
    }
    return s;
  }

  static boolean valid(double[] row) {
    for (double v : row) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
