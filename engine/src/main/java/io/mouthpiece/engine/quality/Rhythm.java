package io.mouthpiece.engine.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.DFT_COMPLEX_OUTPUT;
import static org.bytedeco.opencv.global.opencv_core.dft;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How much of a mouth's motion is at the rate of syllables. In: a per-frame series (aperture, say)
 * at a steady frame rate, NaN where unmeasured (taken as the series' mean). Out: the share of its
 * power, between 0.5 Hz and the Nyquist rate, that lies in 3–7 Hz: speech opens and closes the
 * mouth three to seven times a second, while a jaw that only follows loudness moves slower
 * (phrases) and a jittery one faster. Compare an output's share with real mouths'.
 */
public final class Rhythm {
  /** The slowest syllable rate of speech. */
  public static final double SYLLABLE_LOW_HZ = 3;
  /** The fastest syllable rate of speech. */
  public static final double SYLLABLE_HIGH_HZ = 7;
  /** Slower than this is posture and phrasing, not articulation. */
  public static final double FLOOR_HZ = 0.5;

  private Rhythm() {}

  /** The 3–7 Hz share of the power above 0.5 Hz; NaN for fewer than 2 s of frames or a constant series. */
  public static double syllableShare(double[] values, double fps) {
    int n = values.length;
    if (n < 2 * fps) {
      return Double.NaN;
    }
    double mean = 0;
    int count = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        mean += v;
        count++;
      }
    }
    if (count < 2) {
      return Double.NaN;
    }
    mean /= count;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // A Hann window, so the ends' jump does not spread power over every band.
      double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
      x[i] = ((Double.isNaN(values[i]) ? mean : values[i]) - mean) * w;
    }
    double band = 0;
    double total = 0;
    try (DoublePointer data = new DoublePointer(x); Mat series = new Mat(1, n, CV_64F, data); Mat spectrum = new Mat()) {
      dft(series, spectrum, DFT_COMPLEX_OUTPUT, 0);
      DoubleIndexer bins = spectrum.createIndexer();
      for (int k = 1; k <= n / 2; k++) {
        double hz = k * fps / n;
        if (hz < FLOOR_HZ) {
          continue;
        }
        double re = bins.get(0, k, 0);
        double im = bins.get(0, k, 1);
        double power = re * re + im * im;
        total += power;
        if (hz >= SYLLABLE_LOW_HZ && hz <= SYLLABLE_HIGH_HZ) {
          band += power;
        }
      }
      bins.release();
    }
    return total <= 0 ? Double.NaN : band / total;
  }
}
