package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adaptation moves the generic weights towards the speaker's own fit, more the more frames there are. */
class GenericModelAdaptationTest {
  /** A speaker whose output is 3 x0 while the generic model says x1. */
  private static RidgeSums speaker(int frames) {
    Random random = new Random(3);
    RidgeSums s = new RidgeSums(2, 1);
    for (int i = 0; i < frames; i++) {
      double[] x = {random.nextGaussian(), random.nextGaussian()};
      s.add(x, new double[] {3 * x[0]}, 1);
    }
    return s;
  }

  private static final double[][] GENERIC = {{0}, {1}};

  @Test
  void anInfinitePriorKeepsTheGenericWeights() {
    double[][] w = GenericModel.adaptWeights(GENERIC, speaker(100), Double.POSITIVE_INFINITY);
    assertArrayEquals(GENERIC[0], w[0]);
    assertArrayEquals(GENERIC[1], w[1]);
  }

  @Test
  void aWeakPriorGivesTheSpeakersOwnFit() {
    double[][] w = GenericModel.adaptWeights(GENERIC, speaker(400), 1e-6);
    assertEquals(3, w[0][0], 1e-6);
    assertEquals(0, w[1][0], 1e-6);
  }

  @Test
  void moreSpeechMovesFurtherFromThePrior() {
    double few = GenericModel.adaptWeights(GENERIC, speaker(50), 300)[0][0];
    double many = GenericModel.adaptWeights(GENERIC, speaker(2000), 300)[0][0];
    assertTrue(few > 0 && few < many && many < 3, few + " then " + many);
  }
}
