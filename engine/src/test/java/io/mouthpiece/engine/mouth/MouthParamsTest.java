package io.mouthpiece.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.engine.face.FaceLandmarks;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MouthParamsTest {
  /** A random face cloud, then the same moved, scaled and turned in the picture. */
  @Test
  void paramsDoNotDependOnWhereTheHeadIsInThePicture() {
    Random rnd = new Random(7);
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = 100 + 50 * rnd.nextFloat();
    }
    xyz[3 * FaceLandmarks.RIGHT_EYE_OUTER] = 90;
    xyz[3 * FaceLandmarks.LEFT_EYE_OUTER] = 160;
    FaceLandmarks a = new FaceLandmarks(xyz);
    float[] moved = xyz.clone();
    double angle = 0.3;
    double scale = 1.7;
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      double x = xyz[3 * i];
      double y = xyz[3 * i + 1];
      moved[3 * i] = (float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 40);
      moved[3 * i + 1] = (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) - 25);
    }
    FaceLandmarks b = new FaceLandmarks(moved);
    assertArrayEquals(MouthParams.of(a), MouthParams.of(b), 1e-4);
    assertArrayEquals(MouthParams.of(a), MouthParams.of(MouthShape.of(a)), 1e-5, "from landmarks or from the shape");
    assertEquals(MouthShape.aperture(a), MouthParams.of(a)[MouthParams.APERTURE], 1e-9);
  }
}
