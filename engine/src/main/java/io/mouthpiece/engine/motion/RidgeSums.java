package io.mouthpiece.engine.motion;

/**
 * The sufficient statistics of a weighted linear regression: total weight, weighted sums of the
 * inputs and outputs, and their weighted cross-products. Sums of disjoint row sets add and
 * subtract, so a model "without speaker k" is the total minus k's sums, and how well a map
 * predicts a set of rows (Pearson r per output) follows from that set's sums alone: no rows are
 * kept. Inputs are expected standardised (mean near 0, deviation near 1), as
 * {@link AudioFeatures#context} gives them, so the raw sums lose no precision.
 */
final class RidgeSums {
  private final int d;
  private final int p;
  private double weight;
  private final double[] sx;
  private final double[] sy;
  private final double[][] sxx;
  private final double[][] sxy;
  private final double[] syy;

  RidgeSums(int inputs, int outputs) {
    d = inputs;
    p = outputs;
    sx = new double[d];
    sy = new double[p];
    sxx = new double[d][d];
    sxy = new double[d][p];
    syy = new double[p];
  }

  /** Adds one row with weight {@code w}. */
  void add(double[] x, double[] y, double w) {
    weight += w;
    for (int a = 0; a < d; a++) {
      double wa = w * x[a];
      if (wa == 0) {
        continue;
      }
      sx[a] += wa;
      double[] row = sxx[a];
      for (int b = a; b < d; b++) {
        row[b] += wa * x[b];
      }
      for (int k = 0; k < p; k++) {
        sxy[a][k] += wa * y[k];
      }
    }
    for (int k = 0; k < p; k++) {
      sy[k] += w * y[k];
      syy[k] += w * y[k] * y[k];
    }
  }

  double weight() {
    return weight;
  }

  /** These sums plus {@code sign} times the other's, as new sums. */
  RidgeSums combined(RidgeSums other, int sign) {
    RidgeSums s = new RidgeSums(d, p);
    s.weight = weight + sign * other.weight;
    for (int a = 0; a < d; a++) {
      s.sx[a] = sx[a] + sign * other.sx[a];
      for (int b = a; b < d; b++) {
        s.sxx[a][b] = sxx[a][b] + sign * other.sxx[a][b];
      }
      for (int k = 0; k < p; k++) {
        s.sxy[a][k] = sxy[a][k] + sign * other.sxy[a][k];
      }
    }
    for (int k = 0; k < p; k++) {
      s.sy[k] = sy[k] + sign * other.sy[k];
      s.syy[k] = syy[k] + sign * other.syy[k];
    }
    return s;
  }

  double[] meanX() {
    double[] m = new double[d];
    for (int a = 0; a < d; a++) {
      m[a] = sx[a] / weight;
    }
    return m;
  }

  double[] meanY() {
    double[] m = new double[p];
    for (int k = 0; k < p; k++) {
      m[k] = sy[k] / weight;
    }
    return m;
  }

  /** The centred weighted Gram matrix (full, symmetric). */
  double[][] centredGram() {
    double[][] g = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        g[a][b] = sxx[a][b] - sx[a] * sx[b] / weight;
        g[b][a] = g[a][b];
      }
    }
    return g;
  }

  /** The centred weighted cross-products of inputs and outputs (d × p). */
  double[][] centredCross() {
    double[][] c = new double[d][p];
    for (int a = 0; a < d; a++) {
      for (int k = 0; k < p; k++) {
        c[a][k] = sxy[a][k] - sx[a] * sy[k] / weight;
      }
    }
    return c;
  }

  /** The ridge map with this total penalty on the weights (e.g. {@code lambda * weight()}). */
  Ridge solve(double penalty) {
    double[][] g = centredGram();
    for (int a = 0; a < d; a++) {
      g[a][a] += penalty;
    }
    return new Ridge(meanX(), Ridge.Cholesky.solve(g, centredCross()), meanY());
  }

  /**
   * Pearson r, per output, of {@code (x - anything) W} against the outputs over the rows these
   * sums hold: the intercept does not matter to a correlation.
   */
  double[] correlation(double[][] w) {
    double[][] g = centredGram();
    double[][] c = centredCross();
    double[] r = new double[p];
    for (int k = 0; k < p; k++) {
      double cov = 0;
      double var = 0;
      for (int a = 0; a < d; a++) {
        cov += w[a][k] * c[a][k];
        double ga = 0;
        for (int b = 0; b < d; b++) {
          ga += g[a][b] * w[b][k];
        }
        var += w[a][k] * ga;
      }
      double varY = syy[k] - sy[k] * sy[k] / weight;
      r[k] = var <= 0 || varY <= 0 ? Double.NaN : cov / Math.sqrt(var * varY);
    }
    return r;
  }
}
