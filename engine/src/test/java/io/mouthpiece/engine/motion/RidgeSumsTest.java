package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.engine.quality.Correlation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Regression sums against the definitions they stand for, on random data. */
class RidgeSumsTest {
  private static final int N = 200;
  private static final int D = 4;
  private final double[][] x = new double[N][D];
  private final double[][] y = new double[N][2];

  RidgeSumsTest() {
    Random random = new Random(7);
    for (int i = 0; i < N; i++) {
      for (int a = 0; a < D; a++) {
        x[i][a] = random.nextGaussian();
      }
      y[i][0] = 0.5 + 2 * x[i][0] - x[i][2] + 0.3 * random.nextGaussian();
      y[i][1] = -1 + x[i][1] + 0.5 * random.nextGaussian();
    }
  }

  private RidgeSums sums(int from, int to, double w) {
    RidgeSums s = new RidgeSums(D, 2);
    for (int i = from; i < to; i++) {
      s.add(x[i], y[i], w);
    }
    return s;
  }

  @Test
  void withoutPenaltyItIsLeastSquares() {
    Ridge r = sums(0, N, 1).solve(1e-9);
    // The data were made with these coefficients and little noise.
    assertEquals(2, r.weights()[0][0], 0.1);
    assertEquals(-1, r.weights()[2][0], 0.1);
    assertEquals(0, r.weights()[1][0], 0.1);
    assertEquals(1, r.weights()[1][1], 0.1);
    double[] at = {0, 0, 0, 0};
    assertEquals(0.5, r.apply(at)[0], 0.1);
  }

  @Test
  void thePenaltyShrinksTheWeightsAsTheNormalEquationsSay() {
    // One input, one output: w = sum(xc yc) / (sum(xc^2) + penalty).
    RidgeSums s = new RidgeSums(1, 1);
    double[] xs = {1, 2, 3, 4};
    double[] ys = {2, 4, 5, 9};
    for (int i = 0; i < xs.length; i++) {
      s.add(new double[] {xs[i]}, new double[] {ys[i]}, 1);
    }
    // Centred: x -1.5..1.5, sum xc^2 = 5; y mean 5, sum xc*yc = 11.
    assertEquals(11 / (5 + 3.0), s.solve(3).weights()[0][0], 1e-12);
    assertEquals(5, s.solve(3).intercept()[0], 1e-12);
  }

  @Test
  void takingRowsAwayEqualsNeverAddingThem() {
    Ridge direct = sums(0, 120, 1).solve(5);
    Ridge subtracted = sums(0, N, 1).combined(sums(120, N, 1), -1).solve(5);
    for (int a = 0; a < D; a++) {
      assertEquals(direct.weights()[a][0], subtracted.weights()[a][0], 1e-9);
      assertEquals(direct.weights()[a][1], subtracted.weights()[a][1], 1e-9);
    }
  }

  @Test
  void aRowOfWeightTwoCountsTwice() {
    RidgeSums doubled = sums(0, 50, 2);
    RidgeSums twice = sums(0, 50, 1).combined(sums(0, 50, 1), 1);
    assertEquals(twice.solve(3).weights()[2][0], doubled.solve(3).weights()[2][0], 1e-12);
  }

  @Test
  void correlationFromSumsIsPearsonOfThePredictions() {
    Ridge fit = sums(0, 100, 1).solve(10);
    RidgeSums held = sums(100, N, 1);
    double[] predicted = new double[N - 100];
    double[] truth = new double[N - 100];
    for (int i = 100; i < N; i++) {
      predicted[i - 100] = fit.apply(x[i])[0];
      truth[i - 100] = y[i][0];
    }
    assertEquals(Correlation.pearson(predicted, truth), held.correlation(fit.weights())[0], 1e-9);
  }
}
