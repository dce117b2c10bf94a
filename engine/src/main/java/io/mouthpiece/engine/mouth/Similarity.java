package io.mouthpiece.engine.mouth;

/**
 * A 2D similarity transform (scale, rotation, translation): x' = a·x − b·y + tx, y' = b·x + a·y + ty.
 * Fitted by least squares (Umeyama) to point pairs, it carries a mouth from one frame onto the
 * rigid part of the face (eyes, nose, cheekbones) in another.
 */
public record Similarity(double a, double b, double tx, double ty) {
  /** The least-squares similarity taking {@code from[i]} to {@code to[i]} (x, y pairs). */
  public static Similarity fit(double[] from, double[] to) {
    int n = from.length / 2;
    double fx = 0;
    double fy = 0;
    double gx = 0;
    double gy = 0;
    for (int i = 0; i < n; i++) {
      fx += from[2 * i];
      fy += from[2 * i + 1];
      gx += to[2 * i];
      gy += to[2 * i + 1];
    }
    fx /= n;
    fy /= n;
    gx /= n;
    gy /= n;
    double sxx = 0;
    double sxy = 0;
    double norm = 0;
    for (int i = 0; i < n; i++) {
      double x = from[2 * i] - fx;
      double y = from[2 * i + 1] - fy;
      double u = to[2 * i] - gx;
      double v = to[2 * i + 1] - gy;
      sxx += x * u + y * v;
      sxy += x * v - y * u;
      norm += x * x + y * y;
    }
    double a = norm == 0 ? 1 : sxx / norm;
    double b = norm == 0 ? 0 : sxy / norm;
    return new Similarity(a, b, gx - a * fx + b * fy, gy - b * fx - a * fy);
  }

  public double[] apply(double x, double y) {
    return new double[] {a * x - b * y + tx, b * x + a * y + ty};
  }

  /** The transform taking this one's output back to its input. */
  public Similarity inverse() {
    double norm = a * a + b * b;
    double ia = a / norm;
    double ib = -b / norm;
    return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
  }

  /** As the 2×3 row-major matrix OpenCV's warpAffine takes. */
  public double[] matrix() {
    return new double[] {a, -b, tx, b, a, ty};
  }

  public double scale() {
    return Math.hypot(a, b);
  }
}
