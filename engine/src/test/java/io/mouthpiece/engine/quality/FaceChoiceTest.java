package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.TrackedFace;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceChoiceTest {
  /** A face whose 468 points fill a square of {@code size} pixels centred at (x, y). */
  private static TrackedFace face(int id, double x, double y, double size) {
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      xyz[3 * i] = (float) (x - size / 2 + size * (i % 22) / 21.0);
      xyz[3 * i + 1] = (float) (y - size / 2 + size * (i / 22) / 21.0);
    }
    FaceLandmarks l = new FaceLandmarks(xyz);
    return new TrackedFace(id, l, l);
  }

  @Test
  void largestByDefaultNearestWhenAsked() {
    List<TrackedFace> faces = List.of(face(0, 100, 100, 80), face(1, 400, 120, 200), face(2, 700, 100, 60));
    assertEquals(1, FaceChoice.largest().choose(faces).orElseThrow().trackId());
    assertEquals(2, FaceChoice.nearest(690, 90).choose(faces).orElseThrow().trackId());
    assertEquals(0, FaceChoice.nearest(0, 0).choose(faces).orElseThrow().trackId());
  }

  @Test
  void noFaceNoChoice() {
    assertTrue(FaceChoice.largest().choose(List.of()).isEmpty());
    assertTrue(FaceChoice.nearest(10, 10).choose(List.of()).isEmpty());
  }

  @Test
  void aRecorderKeepsAFrameWithoutAFaceAsAbsent() {
    ApertureTrack.Recorder r = new ApertureTrack.Recorder(FaceChoice.largest());
    r.accept(0, List.of(face(0, 100, 100, 80)));
    r.accept(40_000, List.of());
    r.accept(80_000, List.of(face(0, 100, 100, 80)));
    ApertureTrack t = r.finish();
    assertEquals(3, t.size());
    assertEquals(2, t.facesFound());
    assertEquals(0.04, t.timesSec()[1], 1e-12);
    assertTrue(Double.isNaN(t.aperture()[1]) && t.shapes()[1] == null && Double.isNaN(t.interocularPx()[1]));
    assertTrue(t.hasFace(0) && t.shapes()[0] != null && !Double.isNaN(t.mouthXPx()[0]));
  }
}
