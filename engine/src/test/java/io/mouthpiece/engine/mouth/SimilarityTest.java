package io.mouthpiece.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimilarityTest {
  @Test
  void recoversAKnownTransform() {
    Similarity truth = new Similarity(1.3 * Math.cos(0.4), 1.3 * Math.sin(0.4), 12, -7);
    double[] from = {0, 0, 10, 0, 0, 10, 7, 3, -4, 8};
    double[] to = new double[from.length];
    for (int i = 0; i < from.length; i += 2) {
      double[] q = truth.apply(from[i], from[i + 1]);
      to[i] = q[0];
      to[i + 1] = q[1];
    }
    Similarity fit = Similarity.fit(from, to);
    assertEquals(truth.a(), fit.a(), 1e-9);
    assertEquals(truth.b(), fit.b(), 1e-9);
    assertEquals(truth.tx(), fit.tx(), 1e-9);
    assertEquals(truth.ty(), fit.ty(), 1e-9);
    assertEquals(1.3, fit.scale(), 1e-9);
  }

  @Test
  void theInverseTakesEveryPointBack() {
    Similarity t = new Similarity(1.3 * Math.cos(0.4), 1.3 * Math.sin(0.4), 12, -7);
    Similarity back = t.inverse();
    for (double[] p : new double[][] {{0, 0}, {10, -3}, {-250.5, 77}}) {
      double[] q = back.apply(t.apply(p[0], p[1])[0], t.apply(p[0], p[1])[1]);
      assertEquals(p[0], q[0], 1e-9);
      assertEquals(p[1], q[1], 1e-9);
    }
  }
}
