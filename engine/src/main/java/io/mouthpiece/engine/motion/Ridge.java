package io.mouthpiece.engine.motion;

/**
 * A linear map fitted by ridge regression: {@code y = (x - mean) W + intercept}, several outputs
 * sharing one design. The penalty is {@code lambda * n} on standardised inputs, so one lambda
 * suits any number of training rows.
 *
 * @param mean the inputs' mean (d)
 * @param weights d × p
 * @param intercept the outputs' mean (p)
 */
record Ridge(double[] mean, double[][] weights, double[] intercept) {
  /** Fits rows {@code x} (n × d) to {@code y} (n × p). */
  static Ridge fit(double[][] x, double[][] y, double lambda) {
    int n = x.length;
    int d = x[0].length;
    int p = y[0].length;
    double[] mean = new double[d];
    double[] yMean = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i][j] / n;
      }
      for (int k = 0; k < p; k++) {
        yMean[k] += y[i][k] / n;
      }
    }
    double[][] gram = new double[d][d];
    double[][] xty = new double[d][p];
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[j] = x[i][j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = centred[a];
        if (ca == 0) {
          continue;
        }
        double[] row = gram[a];
        for (int b = a; b < d; b++) {
          row[b] += ca * centred[b];
        }
        for (int k = 0; k < p; k++) {
          xty[a][k] += ca * (y[i][k] - yMean[k]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      gram[a][a] += lambda * n;
      for (int b = 0; b < a; b++) {
        gram[a][b] = gram[b][a];
      }
    }
    return new Ridge(mean, Cholesky.solve(gram, xty), yMean);
  }

  double[] apply(double[] x) {
    double[] out = intercept.clone();
    for (int j = 0; j < mean.length; j++) {
      double c = x[j] - mean[j];
      for (int k = 0; k < out.length; k++) {
        out[k] += c * weights[j][k];
      }
    }
    return out;
  }

  /** Solves symmetric positive definite systems. */
  static final class Cholesky {
    private Cholesky() {}

    /** A X = B for symmetric positive definite A (d × d), B (d × p); A is overwritten. */
    static double[][] solve(double[][] a, double[][] b) {
      int d = a.length;
      for (int j = 0; j < d; j++) {
        double s = a[j][j];
        for (int k = 0; k < j; k++) {
          s -= a[j][k] * a[j][k];
        }
        if (s <= 0) {
          throw new IllegalStateException("not positive definite at " + j);
        }
        a[j][j] = Math.sqrt(s);
        for (int i = j + 1; i < d; i++) {
          double t = a[i][j];
          for (int k = 0; k < j; k++) {
            t -= a[i][k] * a[j][k];
          }
          a[i][j] = t / a[j][j];
        }
      }
      int p = b[0].length;
      double[][] x = new double[d][p];
      for (int c = 0; c < p; c++) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
          double t = b[i][c];
          for (int k = 0; k < i; k++) {
            t -= a[i][k] * z[k];
          }
          z[i] = t / a[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
          double t = z[i];
          for (int k = i + 1; k < d; k++) {
            t -= a[k][i] * x[k][c];
          }
          x[i][c] = t / a[i][i];
        }
      }
      return x;
    }
  }
}
