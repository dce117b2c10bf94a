package io.mouthpiece.engine.motion;

/**
 * A linear map fitted by ridge regression ({@link RidgeSums#solve}): {@code y = (x - mean) W +
 * intercept}, several outputs sharing one design.
 *
 * @param mean the inputs' mean (d)
 * @param weights d × p
 * @param intercept the outputs' mean (p)
 */
record Ridge(double[] mean, double[][] weights, double[] intercept) {
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
