package io.mouthpiece.engine.mouth;

import java.util.Arrays;
import java.util.List;

/**
 * How one face's mouth region looks when nothing is in front of it, learnt from the face's own
 * frames, and how far a frame is from that. In: a sample of the face's {@link MouthPatch}es from
 * across its video. Out: three measures per frame ({@link Score}), each against this face only:
 * <ul>
 *   <li>the lips: the face's lip and skin colours (each a mean and covariance in Lab, over the
 *       pixels its landmarks call lip and skin); a frame's lips are scored by the share of the pixels
 *       between its lip contours that have the lips' colour ({@link #LIP_COLOUR_CHI2}). Anything in
 *       front of the lips, skin-coloured like a hand or not, takes that share down;</li>
 *   <li>the lips against the skin right round them: how far apart their mean colours are. An
 *       object over both, even one of the lips' own colour, makes them alike;</li>
 *   <li>the skin round the mouth: per pixel, the median Lab colour over the sample and how much it
 *       varies there; a frame is scored by the share of its skin pixels further from the median than
 *       {@link #OFF_SIGMAS} of that variation. An object unlike this face's skin at that place (a
 *       microphone, a glass's rim, a hand darker or lighter than the face) shows there even where the
 *       lips are not covered.</li>
 * </ul>
 * Speaker-independent by construction: nothing is learnt from other faces, and the constants are
 * chosen from what they mean, not fitted. The medians stand as long as fewer than half the sampled
 * frames are covered; the colour models, a little blurred by the covered ones among them, while
 * they are few. The thresholds that turn the measures into a decision are {@link MouthCover}'s.
 */
public final class CoverModel {
  /**
   * A skin pixel is off when its distance from the median, in units of its own variation (robust
   * z-scores of L, a, b, combined as a Euclidean length), exceeds this: for three normal channels
   * about one pixel in a thousand of a clean frame (chi-square, 3 degrees of freedom, above 16).
   */
  public static final double OFF_SIGMAS = 4.0;
  /**
   * The least variation a pixel is given (8-bit Lab levels, one standard deviation): the encoder
   * and resampling move a still pixel by one or two levels, so a pixel that never changed must
   * still be allowed that much.
   */
  public static final double MIN_SIGMA_LEVELS = 3.0;
  /**
   * A pixel has the lips' colour when it is nearer the lips' colours than the skin's (Mahalanobis
   * distance) and inside the region holding 99% of the lips' colours (chi-square, 3 degrees of
   * freedom, 11.34): a dark microphone is on the lips' side of the skin, but far from any lip.
   */
  public static final double LIP_COLOUR_CHI2 = 11.34;
  /** The rim round the lips, in patch pixels: two twentieths of the inter-ocular distance, about a lip's thickness. */
  private static final int RIM_PX = 2;
  /** The median absolute deviation of a normal distribution is this fraction of its standard deviation. */
  private static final double MAD_TO_SIGMA = 1.4826;

  private final float[] median;
  private final float[] inverseSigma;
  /** The skin's (0) and the lips' (1) colours: mean Lab and inverse covariance of each. */
  private final double[][] mean;
  private final double[][][] inverseCovariance;

  private CoverModel(float[] median, float[] inverseSigma, double[][] mean, double[][][] inverseCovariance) {
    this.median = median;
    this.inverseSigma = inverseSigma;
    this.mean = mean;
    this.inverseCovariance = inverseCovariance;
  }

  /**
   * One frame's measures.
   *
   * @param lipShare the share of its lip pixels with the lips' colour (NaN: no lip pixel)
   * @param skinOffShare the share of its skin pixels off this face's look there
   * @param lipContrast how far the lips' mean colour is from the skin's right round them (Lab levels;
   *     NaN: no lip pixel): whatever their colours, a person's lips stand out from the skin round
   *     them, and an object over both does not
   */
  public record Score(double lipShare, double skinOffShare, double lipContrast) {}

  /** The model of a face from its patches (at least one; a few dozen from across the video make a steady one). */
  public static CoverModel of(List<byte[]> patches) {
    if (patches.isEmpty()) {
      throw new IllegalArgumentException("a cover model needs at least one patch");
    }
    int n = patches.size();
    float[] median = new float[MouthPatch.PIXELS * 3];
    float[] inverseSigma = new float[MouthPatch.PIXELS * 3];
    float[] values = new float[n];
    for (int p = 0; p < MouthPatch.PIXELS; p++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < n; i++) {
          values[i] = patches.get(i)[4 * p + c] & 0xff;
        }
        float m = median(values);
        for (int i = 0; i < n; i++) {
          values[i] = Math.abs(values[i] - m);
        }
        median[3 * p + c] = m;
        inverseSigma[3 * p + c] = (float) (1 / Math.max(MIN_SIGMA_LEVELS, MAD_TO_SIGMA * median(values)));
      }
    }
    // The lips' and the skin's colours: each one's mean and covariance, over every sampled frame's pixels.
    double[][] sum = new double[2][3];
    double[][][] outer = new double[2][3][3];
    long[] count = new long[2];
    for (byte[] patch : patches) {
      for (int p = 0; p < MouthPatch.PIXELS; p++) {
        int region = patch[4 * p + 3];
        if (region == MouthPatch.INSIDE || region == MouthPatch.REFERENCE) {
          continue;
        }
        int k = region == MouthPatch.LIP ? 1 : 0;
        count[k]++;
        for (int a = 0; a < 3; a++) {
          double va = patch[4 * p + a] & 0xff;
          sum[k][a] += va;
          for (int b = 0; b < 3; b++) {
            outer[k][a][b] += va * (patch[4 * p + b] & 0xff);
          }
        }
      }
    }
    double[][] mean = new double[2][3];
    double[][][] inverse = new double[2][][];
    for (int k = 0; k < 2; k++) {
      long m = Math.max(2, count[k]);
      double[][] cov = new double[3][3];
      for (int c = 0; c < 3; c++) {
        mean[k][c] = sum[k][c] / m;
      }
      for (int c = 0; c < 3; c++) {
        for (int d = 0; d < 3; d++) {
          cov[c][d] = (outer[k][c][d] - m * mean[k][c] * mean[k][d]) / (m - 1);
        }
        cov[c][c] += MIN_SIGMA_LEVELS * MIN_SIGMA_LEVELS; // never singular, and at least the encoder's noise
      }
      inverse[k] = invert(cov);
    }
    return new CoverModel(median, inverseSigma, mean, inverse);
  }

  /**
   * A frame's measures: the share of its lip pixels with the lips' colour, of its skin pixels off
   * this face's look, and the lips' contrast with the skin round them. The frame's overall change of light and colour (white balance, exposure,
   * a cloud) is taken out of both first: the median shift from the model's medians over the
   * {@link MouthPatch#REFERENCE} pixels, above the mouth, where an object over the mouth seldom is.
   */
  public Score score(byte[] patch) {
    double[] shift = shift(patch);
    int lips = 0;
    int lipColoured = 0;
    int skin = 0;
    int off = 0;
    double[] lab = new double[3];
    boolean[] rim = rim(patch);
    double[] lipSum = new double[3];
    double[] rimSum = new double[3];
    int rimCount = 0;
    for (int p = 0; p < MouthPatch.PIXELS; p++) {
      int region = patch[4 * p + 3];
      for (int c = 0; c < 3; c++) {
        lab[c] = (patch[4 * p + c] & 0xff) - shift[c];
      }
      if (rim[p]) {
        rimCount++;
        for (int c = 0; c < 3; c++) {
          rimSum[c] += lab[c];
        }
      }
      if (region == MouthPatch.LIP) {
        lips++;
        for (int c = 0; c < 3; c++) {
          lipSum[c] += lab[c];
        }
        double toLips = mahalanobis2(lab, 1);
        lipColoured += toLips < mahalanobis2(lab, 0) && toLips < LIP_COLOUR_CHI2 ? 1 : 0;
      } else if (region == MouthPatch.SKIN) {
        skin++;
        double d2 = 0;
        for (int c = 0; c < 3; c++) {
          double z = (lab[c] - median[3 * p + c]) * inverseSigma[3 * p + c];
          d2 += z * z;
        }
        off += d2 > OFF_SIGMAS * OFF_SIGMAS ? 1 : 0;
      }
    }
    double contrast = Double.NaN;
    if (lips > 0 && rimCount > 0) {
      contrast = Math.sqrt(sq(lipSum[0] / lips - rimSum[0] / rimCount) + sq(lipSum[1] / lips - rimSum[1] / rimCount)
          + sq(lipSum[2] / lips - rimSum[2] / rimCount));
    }
    return new Score(lips == 0 ? Double.NaN : lipColoured / (double) lips, skin == 0 ? 0 : off / (double) skin, contrast);
  }

  private static double sq(double x) {
    return x * x;
  }

  /**
   * The skin right round the lips: skin pixels within {@link #RIM_PX} of a lip pixel (a band
   * about as wide as the lips are thick).
   */
  private static boolean[] rim(byte[] patch) {
    boolean[] rim = new boolean[MouthPatch.PIXELS];
    int w = MouthPatch.WIDTH;
    int h = MouthPatch.HEIGHT;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (patch[4 * (y * w + x) + 3] != MouthPatch.SKIN) {
          continue;
        }
        search:
        for (int dy = -RIM_PX; dy <= RIM_PX; dy++) {
          for (int dx = -RIM_PX; dx <= RIM_PX; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w && patch[4 * (yy * w + xx) + 3] == MouthPatch.LIP) {
              rim[y * w + x] = true;
              break search;
            }
          }
        }
      }
    }
    return rim;
  }

  /** The frame's median shift (L, a, b) from the model over the reference pixels; none when it has none. */
  private double[] shift(byte[] patch) {
    int n = 0;
    for (int p = 0; p < MouthPatch.PIXELS; p++) {
      n += patch[4 * p + 3] == MouthPatch.REFERENCE ? 1 : 0;
    }
    double[] shift = new double[3];
    if (n == 0) {
      return shift;
    }
    float[] d = new float[n];
    for (int c = 0; c < 3; c++) {
      for (int p = 0, k = 0; p < MouthPatch.PIXELS; p++) {
        if (patch[4 * p + 3] == MouthPatch.REFERENCE) {
          d[k++] = (patch[4 * p + c] & 0xff) - median[3 * p + c];
        }
      }
      shift[c] = median(d);
    }
    return shift;
  }

  private double mahalanobis2(double[] lab, int k) {
    double[] d = {lab[0] - mean[k][0], lab[1] - mean[k][1], lab[2] - mean[k][2]};
    double[][] m = inverseCovariance[k];
    double sum = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        sum += d[a] * m[a][b] * d[b];
      }
    }
    return sum;
  }

  /** The inverse of a symmetric positive-definite 3 x 3 matrix (adjugate over determinant). */
  private static double[][] invert(double[][] m) {
    double det = det(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]);
    double[][] inv = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        int r1 = (c + 1) % 3;
        int r2 = (c + 2) % 3;
        int c1 = (r + 1) % 3;
        int c2 = (r + 2) % 3;
        inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return inv;
  }

  private static double det(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  }

  private static float median(float[] v) {
    float[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
