package io.mouthpiece.engine.motion;

import java.util.List;

/** Per-column mean and deviation of rows of numbers (params per frame, per clip, per speaker). */
final class ColumnStats {
  private ColumnStats() {}

  /** Per column, the mean of the rows; null when there are none. */
  static double[] mean(List<double[]> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    double[] m = new double[rows.get(0).length];
    for (double[] r : rows) {
      for (int i = 0; i < m.length; i++) {
        m[i] += r[i] / rows.size();
      }
    }
    return m;
  }

  /** Per column, the sample deviation of the rows; null for fewer than two. */
  static double[] deviation(List<double[]> rows) {
    if (rows.size() < 2) {
      return null;
    }
    double[] mean = mean(rows);
    double[] sd = new double[mean.length];
    for (double[] r : rows) {
      for (int k = 0; k < sd.length; k++) {
        sd[k] += (r[k] - mean[k]) * (r[k] - mean[k]);
      }
    }
    for (int k = 0; k < sd.length; k++) {
      sd[k] = Math.sqrt(sd[k] / (rows.size() - 1));
    }
    return sd;
  }
}
