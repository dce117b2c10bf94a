package io.mouthpiece.engine.motion;

/**
 * Power spectra of short frames: an in-place radix-2 FFT of a Hann-windowed frame. Package
 * private; the one transform {@link AudioFeatures} needs, kept small rather than general.
 */
final class Spectrum {
  private final int size;
  private final double[] window;
  private final double[] re;
  private final double[] im;
  private final double[] cos;
  private final double[] sin;
  /** Scales |X|^2 so that a full-scale sine's bin power sums to about its mean square. */
  private final double powerScale;

  /** A transform of {@code size} points (a power of two) over frames of {@code windowLength} samples. */
  Spectrum(int size, int windowLength) {
    if (Integer.bitCount(size) != 1 || windowLength > size) {
      throw new IllegalArgumentException("size must be a power of two >= window: " + size + ", " + windowLength);
    }
    this.size = size;
    this.window = new double[windowLength];
    double sumSquares = 0;
    for (int i = 0; i < windowLength; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / windowLength);
      sumSquares += window[i] * window[i];
    }
    this.powerScale = 2.0 / (sumSquares * size); // Parseval, one-sided
    this.re = new double[size];
    this.im = new double[size];
    this.cos = new double[size / 2];
    this.sin = new double[size / 2];
    for (int i = 0; i < size / 2; i++) {
      cos[i] = Math.cos(-2 * Math.PI * i / size);
      sin[i] = Math.sin(-2 * Math.PI * i / size);
    }
  }

  int bins() {
    return size / 2 + 1;
  }

  /**
   * The power of each bin 0..size/2 of the windowed frame of {@code samples} starting at
   * {@code start} (samples outside the array count as 0), in units of mean square.
   */
  void power(float[] samples, int start, double[] out) {
    java.util.Arrays.fill(re, 0);
    java.util.Arrays.fill(im, 0);
    for (int i = 0; i < window.length; i++) {
      int at = start + i;
      re[i] = at >= 0 && at < samples.length ? samples[at] * window[i] : 0;
    }
    transform();
    for (int k = 0; k < bins(); k++) {
      out[k] = (re[k] * re[k] + im[k] * im[k]) * powerScale;
    }
  }

  private void transform() {
    for (int i = 1, j = 0; i < size; i++) {
      int bit = size >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= size; len <<= 1) {
      int step = size / len;
      for (int i = 0; i < size; i += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
