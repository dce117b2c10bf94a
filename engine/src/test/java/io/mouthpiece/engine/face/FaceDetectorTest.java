package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceDetectorTest {
  @Test
  void anchorCountsMatchTheModels() {
    assertEquals(896, FaceDetector.anchors(128, FaceDetector.Range.SHORT.strideAndAnchorsPerCell).length / 2);
    assertEquals(2304, FaceDetector.anchors(192, FaceDetector.Range.FULL.strideAndAnchorsPerCell).length / 2);
  }

  @Test
  void firstAnchorsSitAtCellCentres() {
    float[] a = FaceDetector.anchors(128, FaceDetector.Range.SHORT.strideAndAnchorsPerCell);
    assertEquals(0.5f / 16, a[0], 1e-6);
    assertEquals(0.5f / 16, a[1], 1e-6);
    assertEquals(0.5f / 16, a[2], 1e-6, "two anchors per cell on the stride-8 grid");
    assertEquals(1.5f / 16, a[4], 1e-6);
  }

  @Test
  void weightedNmsAveragesOverlapsAndKeepsSeparateFaces() {
    Detection a = box(100, 100, 50, 0.9);
    Detection b = box(110, 100, 50, 0.6);
    Detection far = box(400, 100, 50, 0.7);
    List<Detection> kept = FaceDetector.weightedNms(List.of(b, far, a));
    assertEquals(2, kept.size());
    Detection merged = kept.get(0);
    assertEquals(0.9, merged.score(), 1e-9, "the cluster keeps its best score");
    assertEquals((100 * 0.9 + 110 * 0.6) / 1.5, merged.xMin(), 1e-9, "positions are score-weighted");
    assertEquals(400, kept.get(1).xMin(), 1e-9);
  }

  private static Detection box(double x, double y, double size, double score) {
    return new Detection(x, y, size, size, new double[12], score);
  }
}
