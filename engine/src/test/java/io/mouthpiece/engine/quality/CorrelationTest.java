package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  private static final double NaN = Double.NaN;

  /** The textbook formula, written out the slow way, for pairs without NaN. */
  private static double slowPearson(double[] a, double[] b) {
    int n = a.length;
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (int i = 0; i < n; i++) {
      sa += a[i];
      sb += b[i];
      saa += a[i] * a[i];
      sbb += b[i] * b[i];
      sab += a[i] * b[i];
    }
    return (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
  }

  @Test
  void matchesTheTextbookFormula() {
    Random random = new Random(3);
    double[] a = new double[200];
    double[] b = new double[200];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
      b[i] = 0.5 * a[i] + random.nextGaussian();
    }
    assertEquals(slowPearson(a, b), Correlation.pearson(a, b), 1e-12);
  }

  @Test
  void exactLinesGivePlusAndMinusOne() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1.0, Correlation.pearson(x, new double[] {3, 5, 7, 9, 11}), 1e-12);
    assertEquals(-1.0, Correlation.pearson(x, new double[] {10, 8, 6, 4, 2}), 1e-12);
  }

  @Test
  void skipsPairsWithNaNOnEitherSide() {
    double[] a = {1, 2, NaN, 4, 5, 6};
    double[] b = {2, 4, 100, 8, NaN, 12};
    // Left: (1,2) (2,4) (4,8) (6,12), on one line; the outliers sit only in the dropped pairs.
    assertEquals(1.0, Correlation.pearson(a, b), 1e-12);
  }

  @Test
  void undefinedWhenFlatOrTooShort() {
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1, 1}, new double[] {1, 2, 3, 4})));
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 2}, new double[] {1, 2})));
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, NaN, 3, NaN}, new double[] {1, 2, NaN, 4})));
  }

  @Test
  void zScoreHasMeanZeroAndUnitSpreadAndKeepsNaN() {
    double[] z = Correlation.zScore(new double[] {2, 4, NaN, 6, 8});
    assertTrue(Double.isNaN(z[2]));
    double mean = (z[0] + z[1] + z[3] + z[4]) / 4;
    double var = (z[0] * z[0] + z[1] * z[1] + z[3] * z[3] + z[4] * z[4]) / 4 - mean * mean;
    assertEquals(0, mean, 1e-12);
    assertEquals(1, var, 1e-12);
  }
}
