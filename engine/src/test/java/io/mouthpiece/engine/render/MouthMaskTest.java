package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.Similarity;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/**
 * The mouth mask on a drawn face: eyes 100 px apart on y 100, the mouth's centre at (200, 190),
 * the jaw a half ellipse round it down to the chin at y 260, every other point under the nose
 * (y 150); the exemplar is the same face, placed where it is.
 */
class MouthMaskTest {
  private static final int MOUTH_X = 200;
  private static final int MOUTH_Y = 190;
  private static final int CHIN_Y = 260;

  private static FaceLandmarks face() {
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      set(xyz, i, MOUTH_X, 150);
    }
    set(xyz, FaceLandmarks.RIGHT_EYE_OUTER, 150, 100);
    set(xyz, FaceLandmarks.LEFT_EYE_OUTER, 250, 100);
    set(xyz, FaceLandmarks.UPPER_LIP_INNER_MIDDLE, MOUTH_X, MOUTH_Y - 2);
    set(xyz, FaceLandmarks.LOWER_LIP_INNER_MIDDLE, MOUTH_X, MOUTH_Y + 2);
    int[] jaw = FaceLandmarks.join(FaceLandmarks.JAW_LINE, new int[] {58, 288});
    for (int i = 0; i < FaceLandmarks.JAW_LINE.length; i++) {
      double angle = Math.PI * i / (FaceLandmarks.JAW_LINE.length - 1);
      set(xyz, jaw[i], MOUTH_X - 80 * Math.cos(angle), MOUTH_Y + (CHIN_Y - MOUTH_Y) * Math.sin(angle));
    }
    set(xyz, 58, MOUTH_X - 85, MOUTH_Y - 20);
    set(xyz, 288, MOUTH_X + 85, MOUTH_Y - 20);
    return new FaceLandmarks(xyz);
  }

  private static void set(float[] xyz, int point, double x, double y) {
    xyz[3 * point] = (float) x;
    xyz[3 * point + 1] = (float) y;
  }

  private static float[] xy(FaceLandmarks l) {
    float[] xy = new float[FaceLandmarks.COUNT * 2];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      xy[2 * i] = l.x(i);
      xy[2 * i + 1] = l.y(i);
    }
    return xy;
  }

  @Test
  void fullInsideNothingOutsideAndTheSoftEdgeWithinTheFootprint() {
    FaceLandmarks face = face();
    Similarity stay = new Similarity(1, 0, 0, 0);
    MouthMask mask = MouthMask.of(face, xy(face), stay);
    assertEquals(0.07 * 100, mask.feather(), 1e-4, "the soft edge scales with the face (inter-ocular 100 px)");

    Rect box = mask.footprint(0, 0, 1000, 1000);
    for (int i = 0; i < mask.polygon().length; i += 2) {
      double x = mask.polygon()[i];
      double y = mask.polygon()[i + 1];
      assertTrue(x - box.x() >= 3 * mask.feather() - 1 && box.x() + box.width() - x >= 3 * mask.feather() - 1
          && y - box.y() >= 3 * mask.feather() - 1 && box.y() + box.height() - y >= 3 * mask.feather() - 1,
          "three soft edges' room round every point: (" + x + ", " + y + ") in " + box.x() + "," + box.y() + " "
          + box.width() + "x" + box.height());
    }
    try (Mat mask8 = new Mat(box.height(), box.width(), CV_8U)) {
      mask.paint(mask8, box);
      UByteIndexer m = mask8.createIndexer();
      assertEquals(255, m.get(MOUTH_Y - box.y(), MOUTH_X - box.x()), "the mouth is the exemplar's");
      assertEquals(0, m.get(0, 0), "the footprint's corner is the frame's");
      // The chin's front is reached past its edge by 1.5 feathers. The mask is eroded by a feather
      // and blurred by two: half strength a feather inside the outline, nothing a feather past it.
      double outline = CHIN_Y + 1.5 * mask.feather();
      assertTrue(m.get((int) Math.round(outline) - box.y(), MOUTH_X - box.x()) < 128, "the soft edge lies inside the outline");
      assertEquals(0, m.get((int) Math.ceil(outline + mask.feather()) + 1 - box.y(), MOUTH_X - box.x()),
          "nothing a feather past the outline");
      assertTrue(m.get(CHIN_Y - box.y(), MOUTH_X - box.x()) > 128, "the frame's own chin is covered");
      m.release();
    }
  }
}
