package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The Kling face-track rules on synthetic tracker output: ids, gaps and times. */
class FaceTrackBuilderTest {
  private static final long FRAME_US = 40_000;

  /** A face as a 468-point cloud filling a square at (x, y) of the given size. */
  private static FaceLandmarks square(double x, double y, double size) {
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      xyz[3 * i] = (float) (x + size * ((i * 37) % 100) / 99.0);
      xyz[3 * i + 1] = (float) (y + size * ((i * 61) % 100) / 99.0);
    }
    xyz[3 * FaceLandmarks.RIGHT_EYE_OUTER] = (float) (x + 0.2 * size);
    xyz[3 * FaceLandmarks.LEFT_EYE_OUTER] = (float) (x + 0.8 * size);
    xyz[3] = (float) (x + 0.5 * size);
    return new FaceLandmarks(xyz);
  }

  /** Runs frames 0..frames-1; {@code facesAt} says which (trackId, x) faces each frame has. */
  private static List<FaceTrack> run(int frames, java.util.function.IntFunction<List<int[]>> facesAt) {
    return run(frames, facesAt, i -> false);
  }

  private static List<FaceTrack> run(int frames, java.util.function.IntFunction<List<int[]>> facesAt,
      java.util.function.IntPredicate cuts) {
    try (Mat frame = new Mat(400, 800, opencv_core.CV_8UC3, new Scalar(90, 90, 90, 0));
        FaceTrackBuilder builder = new FaceTrackBuilder()) {
      for (int i = 0; i < frames; i++) {
        List<TrackedFace> faces = new ArrayList<>();
        for (int[] f : facesAt.apply(i)) {
          FaceLandmarks l = square(f[1], 100, 120);
          faces.add(new TrackedFace(f[0], l, l));
        }
        builder.accept(frame, i * FRAME_US, faces, cuts.test(i));
      }
      return builder.finish(frames * FRAME_US);
    }
  }

  @Test
  void oneFaceThroughTheWholeVideo() {
    List<FaceTrack> tracks = run(125, i -> List.of(new int[] {0, 100}));
    assertEquals(1, tracks.size());
    assertEquals("0", tracks.get(0).faceId());
    assertEquals(0, tracks.get(0).startMs());
    assertEquals(5000, tracks.get(0).endMs());
    assertEquals(125, tracks.get(0).frameCount());
    assertTrue(tracks.get(0).cropPng().length > 100, "a crop is written");
  }

  @Test
  void anAbsenceUpToOneSecondKeepsTheId() {
    // Out of view from frame 50 to 74 (1.0 s); the tracker gives it a new track id when it returns.
    List<FaceTrack> tracks = run(150, i -> i >= 50 && i < 75 ? List.of() : List.of(new int[] {i < 50 ? 0 : 1, 100}));
    assertEquals(1, tracks.size(), "same face_id after 1.0 s out of view");
    assertEquals(0, tracks.get(0).startMs());
    assertEquals(6000, tracks.get(0).endMs());
    assertEquals(125, tracks.get(0).frameCount());
  }

  @Test
  void anAbsenceOfMoreThanOneSecondGivesANewId() {
    // Out of view from frame 50 to 87 (1.52 s).
    List<FaceTrack> tracks = run(150, i -> i >= 50 && i < 88 ? List.of() : List.of(new int[] {i < 50 ? 0 : 1, 100}));
    assertEquals(2, tracks.size());
    assertEquals(0, tracks.get(0).startMs());
    assertEquals(2000, tracks.get(0).endMs(), "ends where the last frame it is in ends");
    assertEquals("1", tracks.get(1).faceId());
    assertEquals(88 * 40, tracks.get(1).startMs());
    assertEquals(6000, tracks.get(1).endMs());
  }

  @Test
  void aFaceComingBackElsewhereIsANewId() {
    List<FaceTrack> tracks = run(100, i -> i >= 50 && i < 55 ? List.of() : List.of(new int[] {i < 50 ? 0 : 1, i < 50 ? 100 : 600}));
    assertEquals(2, tracks.size());
  }

  @Test
  void twoFacesAtOnceAreTwoIds() {
    List<FaceTrack> tracks = run(100, i -> i < 60 ? List.of(new int[] {0, 50}, new int[] {1, 500}) : List.of(new int[] {0, 50}));
    assertEquals(2, tracks.size());
    assertEquals(4000, tracks.get(0).endMs());
    assertEquals(2400, tracks.get(1).endMs());
  }

  @Test
  void aCutToAnotherShotIsANewIdEvenAtTheSamePlace() {
    List<FaceTrack> tracks = run(100, i -> List.of(new int[] {i < 50 ? 0 : 1, 100}), i -> i == 50);
    assertEquals(2, tracks.size());
    assertEquals(2000, tracks.get(0).endMs());
    assertEquals(2000, tracks.get(1).startMs());
  }

  @Test
  void aShortCutAwayAndBackKeepsTheId() {
    // Shot A (face), 0.6 s of shot B (no face), back to shot A: out of view for under a second.
    List<FaceTrack> tracks = run(100, i -> i >= 40 && i < 55 ? List.of() : List.of(new int[] {i < 40 ? 0 : 1, 100}),
        i -> i == 40 || i == 55);
    assertEquals(1, tracks.size());
    assertEquals(85, tracks.get(0).frameCount());
  }
}
