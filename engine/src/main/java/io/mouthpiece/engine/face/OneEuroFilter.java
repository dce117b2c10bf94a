package io.mouthpiece.engine.face;

/**
 * The 1€ filter (Casiez, Roussel, Vogel 2012) for one coordinate: a low-pass whose cut-off rises
 * with speed, so a still point stops jittering while a moving one (a lip opening) does not lag.
 * Timestamps drive it, so variable frame rates are handled.
 */
public final class OneEuroFilter {
  private final double minCutoffHz;
  private final double beta;
  private final double derivativeCutoffHz;
  private double x;
  private double dx;
  private long lastUs = Long.MIN_VALUE;

  /**
   * @param minCutoffHz cut-off at rest: lower means less jitter
   * @param beta how fast the cut-off rises with speed (in the value's units per second): higher
   *     means less lag
   */
  public OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
    this.minCutoffHz = minCutoffHz;
    this.beta = beta;
    this.derivativeCutoffHz = derivativeCutoffHz;
  }

  /** The filtered value of {@code value} observed at {@code timestampUs}. */
  public double filter(double value, long timestampUs) {
    if (lastUs == Long.MIN_VALUE || timestampUs <= lastUs) {
      lastUs = timestampUs;
      x = value;
      dx = 0;
      return value;
    }
    double dt = (timestampUs - lastUs) / 1e6;
    lastUs = timestampUs;
    double rawDx = (value - x) / dt;
    dx += alpha(derivativeCutoffHz, dt) * (rawDx - dx);
    double cutoff = minCutoffHz + beta * Math.abs(dx);
    x += alpha(cutoff, dt) * (value - x);
    return x;
  }

  private static double alpha(double cutoffHz, double dt) {
    double tau = 1 / (2 * Math.PI * cutoffHz);
    return 1 / (1 + tau / dt);
  }
}
