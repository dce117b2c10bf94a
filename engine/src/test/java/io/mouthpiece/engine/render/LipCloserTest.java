package io.mouthpiece.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceLandmarks;
import org.junit.jupiter.api.Test;

/**
 * The lip closer's lift on a drawn mouth: corners at x 40 and 60 on y 50, the upper lip's inner
 * edge at y 48 mid-mouth, the lower's at y 54 (a 6 px gap), the lower lip's outer edge at y 60 and
 * the chin at y 80.
 */
class LipCloserTest {
  private static final double WIDTH = 20;

  private static float[] mouth() {
    float[] lm = new float[FaceLandmarks.COUNT * 2];
    // Each contour is a tent from corner (x 40) to corner (x 60), peaking mid-mouth.
    contour(lm, FaceLandmarks.UPPER_LIP_INNER, 50, 48);
    contour(lm, FaceLandmarks.LOWER_LIP_INNER, 50, 54);
    contour(lm, FaceLandmarks.LOWER_LIP_OUTER, 50, 60);
    contour(lm, FaceLandmarks.JAW_LINE, 80, 80);
    return lm;
  }

  private static void contour(float[] lm, int[] points, double cornerY, double midY) {
    for (int i = 0; i < points.length; i++) {
      double s = i / (double) (points.length - 1);
      lm[2 * points[i]] = (float) (40 + 20 * s);
      lm[2 * points[i] + 1] = (float) (cornerY + (midY - cornerY) * (1 - Math.abs(2 * s - 1)));
    }
  }

  @Test
  void liftsTheLowerLipOntoTheUpperAndPressesItMidMouth() {
    LipCloser closer = LipCloser.of(mouth());
    double lift = 6 + LipCloser.PRESS * WIDTH;
    assertEquals(0, closer.lift(50, 46), 1e-9, "above the upper lip's inner edge nothing moves");
    double seam = closer.lift(50, 47.5);
    assertTrue(seam > 0 && seam < lift, "where the lips meet, the gap is squeezed into a line: " + seam);
    assertEquals(lift, closer.lift(50, 48.5), 1e-6, "under it, the lower lip's inner edge (gap plus press)");
    assertEquals(lift, closer.lift(50, 60 - lift), 1e-6, "the whole lower lip is lifted");
    assertEquals(0, closer.lift(50, 80), 1e-9, "the chin stays");
    double mid = closer.lift(50, 70);
    assertTrue(mid > 0 && mid < lift, "the skin between stretches: " + mid);
    assertEquals(0, closer.lift(35, 55), 1e-9, "beside the mouth nothing moves");
    assertTrue(closer.lift(42, 52) < closer.lift(50, 52), "the lift tapers towards the corners");
  }
}
