package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.MouthShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MouthDistanceTest {
  private static MouthShape shape(double dx, double dy, double open) {
    float[] p = new float[MouthShape.INDICES.length * 2];
    for (int i = 0; i < MouthShape.INDICES.length; i++) {
      p[2 * i] = (float) (0.1 * Math.cos(i) + dx);
      p[2 * i + 1] = (float) (1.0 + open * Math.sin(i) + dy);
    }
    return new MouthShape(p);
  }

  private static ApertureTrack track(MouthShape... shapes) {
    int n = shapes.length;
    double[] t = new double[n];
    double[] a = new double[n];
    double[] nan = new double[n];
    Arrays.fill(nan, Double.NaN);
    for (int i = 0; i < n; i++) {
      t[i] = i * 0.04;
      a[i] = shapes[i] == null ? Double.NaN : 0.1;
    }
    return new ApertureTrack(t, a, shapes, nan, nan, nan);
  }

  @Test
  void distanceIsPerFrameAndTheMeanSkipsFramesWithoutAFace() {
    ApertureTrack a = track(shape(0, 0, 0.1), shape(0, 0, 0.2), shape(0, 0, 0.3), shape(0, 0, 0.1));
    ApertureTrack b = track(shape(0.03, 0.04, 0.1), null, shape(0.03, 0.04, 0.3), shape(0, 0, 0.1));
    double[] d = MouthDistance.perFrame(a, b);
    // Every point moved by (0.03, 0.04): 0.05 each, over all points of the shape.
    double moved = 0.05 * Math.sqrt(MouthShape.INDICES.length);
    assertEquals(moved, d[0], 1e-6);
    assertTrue(Double.isNaN(d[1]));
    assertEquals(moved, d[2], 1e-6);
    assertEquals(0, d[3], 1e-9);
    assertEquals(2 * moved / 3, MouthDistance.mean(a, b), 1e-6);
  }

  @Test
  void noCommonFaceNoMean() {
    ApertureTrack a = track(shape(0, 0, 0.1), null);
    ApertureTrack b = track(null, shape(0, 0, 0.1));
    assertTrue(Double.isNaN(MouthDistance.mean(a, b)));
  }
}
