package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneEuroFilterTest {
  private static final long FRAME_US = 40_000;

  @Test
  void stillPointStopsJittering() {
    OneEuroFilter f = new OneEuroFilter(LandmarkSmoother.MIN_CUTOFF_HZ, LandmarkSmoother.BETA, 1.0);
    Random noise = new Random(1);
    double rawStep = 0;
    double smoothStep = 0;
    double previousRaw = 0;
    double previousSmooth = 0;
    for (int i = 0; i < 500; i++) {
      double raw = 0.01 * noise.nextGaussian();
      double smooth = f.filter(raw, i * FRAME_US);
      if (i > 50) {
        rawStep += Math.abs(raw - previousRaw);
        smoothStep += Math.abs(smooth - previousSmooth);
      }
      previousRaw = raw;
      previousSmooth = smooth;
    }
    assertTrue(smoothStep < rawStep / 4, "frame-to-frame jitter " + smoothStep + " vs raw " + rawStep);
  }

  @Test
  void fastMotionFollowsWithoutVisibleLag() {
    // A lip opening by a third of the inter-ocular distance in 80 ms, then holding.
    OneEuroFilter f = new OneEuroFilter(LandmarkSmoother.MIN_CUTOFF_HZ, LandmarkSmoother.BETA, 1.0);
    double out = 0;
    for (int i = 0; i < 10; i++) {
      f.filter(0, i * FRAME_US);
    }
    f.filter(0.17, 10 * FRAME_US);
    out = f.filter(0.33, 11 * FRAME_US);
    assertTrue(out > 0.2, "after the motion the filter has " + out + " of 0.33");
    out = f.filter(0.33, 12 * FRAME_US);
    assertTrue(out > 0.28, "one frame later it has " + out + " of 0.33");
  }

  @Test
  void variableFrameIntervalsUseTheTimestamps() {
    OneEuroFilter a = new OneEuroFilter(1.0, 0, 1.0);
    OneEuroFilter b = new OneEuroFilter(1.0, 0, 1.0);
    a.filter(0, 0);
    b.filter(0, 0);
    double shortGap = a.filter(1, 10_000);
    double longGap = b.filter(1, 200_000);
    assertTrue(longGap > shortGap * 3, "a longer gap moves further: " + longGap + " vs " + shortGap);
    assertEquals(5.0, new OneEuroFilter(1, 1, 1).filter(5.0, 0), "the first value passes through");
  }
}
