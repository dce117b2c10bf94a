package io.mouthpiece.engine.motion;

/**
 * How well a predicted aperture follows the measured one: Pearson r over the frames and the mean
 * absolute error (aperture units: inner-lip gap over mouth width). Frames whose measurement is NaN
 * are left out.
 */
public record ApertureScore(double r, double mae, int frames) {
  /** The score of {@code predicted} against {@code measured}, frame by frame. */
  public static ApertureScore of(double[] predicted, double[] measured) {
    double sp = 0;
    double sm = 0;
    int n = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (Double.isFinite(measured[i]) && Double.isFinite(predicted[i])) {
        sp += predicted[i];
        sm += measured[i];
        n++;
      }
    }
    if (n < 2) {
      return new ApertureScore(Double.NaN, Double.NaN, n);
    }
    double mp = sp / n;
    double mm = sm / n;
    double cov = 0;
    double vp = 0;
    double vm = 0;
    double abs = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (Double.isFinite(measured[i]) && Double.isFinite(predicted[i])) {
        double a = predicted[i] - mp;
        double b = measured[i] - mm;
        cov += a * b;
        vp += a * a;
        vm += b * b;
        abs += Math.abs(predicted[i] - measured[i]);
      }
    }
    double r = vp == 0 || vm == 0 ? 0 : cov / Math.sqrt(vp * vm);
    return new ApertureScore(r, abs / n, n);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "r %.2f, MAE %.3f (%d frames)", r, mae, frames);
  }
}
