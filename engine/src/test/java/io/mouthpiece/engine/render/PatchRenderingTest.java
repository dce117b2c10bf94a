package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.PSNR;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.BgrPatch;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.mouth.MouthShape;
import io.mouthpiece.engine.quality.SilenceClosure;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drawing a mouth the render pass's way (on a {@link BgrPatch} of the footprint only, an I420
 * frame converted there alone) against the obvious way (on the whole BGR frame), with a real
 * face's landmarks and library: exactly the same on a BGR frame, the same within conversion
 * noise on an I420 one, and nothing outside the footprint touched.
 */
class PatchRenderingTest {
  /** Looked up when a test runs, not when the class loads: a missing file fails that test alone. */
  private static Path sourceVideo() {
    return TestMedia.video("retalking_face2.mp4");
  }
  private static final int TARGET = 40;

  private static MouthLibrary library;
  private static FaceLandmarks target;
  private static Mat targetBgr;
  private static VideoReader i420Reader;
  private static VideoFrame targetI420;

  @BeforeAll
  static void trackAndCollect() throws Exception {
    MouthLibrary.Builder builder = null;
    try (VideoReader reader = VideoReader.open(sourceVideo()); FaceTracker tracker = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
      for (int i = 0; i <= TARGET; i++) {
        try (VideoFrame frame = reader.read().orElseThrow()) {
          List<TrackedFace> faces = tracker.track(frame.bgr(), frame.timestampUs());
          assertEquals(1, faces.size(), "one face in frame " + i);
          FaceLandmarks l = faces.get(0).smoothed();
          if (builder == null) {
            builder = new MouthLibrary.Builder(Math.round(l.interocular()), 600, frame.width(), frame.height());
          }
          if (i < 30) {
            builder.add(i, frame.timestampUs() / 1e6, frame.bgr(), l, MouthParams.of(faces.get(0).raw()));
          }
          if (i == TARGET) {
            target = l;
            targetBgr = frame.bgr().clone();
          }
        }
      }
    }
    library = builder.build();
    i420Reader = VideoReader.open(sourceVideo(), VideoFrame.Layout.I420);
    for (int i = 0; i <= TARGET; i++) {
      VideoFrame frame = i420Reader.read().orElseThrow();
      if (i == TARGET) {
        targetI420 = frame;
      } else {
        frame.close();
      }
    }
  }

  @AfterAll
  static void free() {
    library.close();
    targetBgr.close();
    targetI420.close();
    i420Reader.close();
  }

  /** A wide-open exemplar: far from the target's own mouth, so the drawing shows. */
  private static MouthExemplar widest() {
    return library.exemplars().stream().max(java.util.Comparator.comparingDouble(e -> e.params()[0])).orElseThrow();
  }

  @Test
  void onABgrPatchOfTheFootprintItIsExactlyTheWholeFrameDrawing() {
    MouthExemplar e = widest();
    try (Mat whole = targetBgr.clone(); Mat viaPatch = targetBgr.clone(); Mat diff = new Mat(); Mat grey = new Mat()) {
      MouthCompositor.render(whole, 0, 0, target, e, 1.0, false);
      Rect area = MouthCompositor.footprint(target, e, whole.cols(), whole.rows());
      try (VideoFrame frame = new VideoFrame(TARGET, 0, viaPatch); BgrPatch patch = BgrPatch.of(frame, area)) {
        MouthCompositor.render(patch.bgr(), patch.x(), patch.y(), target, e, 1.0, false);
        absdiff(whole, viaPatch, diff);
        cvtColor(diff, grey, COLOR_BGR2GRAY);
        assertEquals(0, countNonZero(grey), "the patch drawing differs from the whole-frame one");
        absdiff(whole, targetBgr, diff);
        cvtColor(diff, grey, COLOR_BGR2GRAY);
        assertTrue(countNonZero(grey) > 1000, "a mouth was drawn");
      }
    }
  }

  @Test
  void onAnI420FrameItMatchesTheBgrDrawingAndLeavesTheRestAsDecoded() {
    MouthExemplar e = widest();
    try (Mat expected = targetBgr.clone(); Mat before = new Mat(); Mat after = new Mat(); Mat diff = new Mat();
        Mat grey = new Mat()) {
      MouthCompositor.render(expected, 0, 0, target, e, 1.0, false);
      cvtColor(targetI420.pixels(), before, COLOR_YUV2BGR_I420);
      Rect area = MouthCompositor.footprint(target, e, targetI420.width(), targetI420.height());
      int x = area.x() / 2 * 2;
      int y = area.y() / 2 * 2;
      Rect even = new Rect(x, y, (area.x() + area.width() + 1) / 2 * 2 - x, (area.y() + area.height() + 1) / 2 * 2 - y);
      try (BgrPatch patch = BgrPatch.of(targetI420, area)) {
        MouthCompositor.render(patch.bgr(), patch.x(), patch.y(), target, e, 1.0, false);
      }
      cvtColor(targetI420.pixels(), after, COLOR_YUV2BGR_I420);
      try (Mat drawn = new Mat(after, even); Mat wanted = new Mat(expected, even); Mat original = new Mat(before, even)) {
        double againstBgr = PSNR(drawn, wanted);
        double againstSource = PSNR(drawn, original);
        System.out.printf("mouth drawn on I420: PSNR %.1f dB against the BGR drawing, %.1f dB against the undrawn frame%n",
            againstBgr, againstSource);
        assertTrue(againstBgr > 35, "the I420 drawing departs from the BGR one: " + againstBgr + " dB");
        assertTrue(againstSource < againstBgr - 3, "the drawing shows");
      }
      absdiff(before, after, diff);
      cvtColor(diff, grey, COLOR_BGR2GRAY);
      try (Mat inside = new Mat(grey, even)) {
        inside.put(new org.bytedeco.opencv.opencv_core.Scalar(0));
      }
      assertEquals(0, countNonZero(grey), "pixels outside the footprint changed");
    }
  }

  @Test
  void drawnShutALipGapReadsClosedToTheFaceMesh() throws Exception {
    // The most parted lips the selector may draw shut; the library's frames 0-29 hold some.
    MouthExemplar e = library.exemplars().stream().filter(x -> x.params()[0] <= MouthParams.CLOSABLE_APERTURE)
        .max(java.util.Comparator.comparingDouble(x -> x.params()[0])).orElseThrow();
    double asIs = apertureAfter(e, false);
    double shut = apertureAfter(e, true);
    System.out.printf("exemplar aperture %.3f: drawn as it is reads %.3f, drawn shut %.3f%n", e.params()[0], asIs, shut);
    assertTrue(asIs > SilenceClosure.CLOSED_APERTURE, "this exemplar's lips are apart as drawn: " + asIs);
    assertTrue(shut <= SilenceClosure.CLOSED_APERTURE, "drawn shut, the lips read closed: " + shut);
  }

  /** The face mesh's aperture of the target frame with {@code e} drawn on it. */
  private static double apertureAfter(MouthExemplar e, boolean shut) throws Exception {
    Rect area = MouthCompositor.footprint(target, e, targetBgr.cols(), targetBgr.rows());
    try (VideoFrame frame = new VideoFrame(TARGET, 0, targetBgr.clone());
        FaceTracker tracker = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
      try (BgrPatch patch = BgrPatch.of(frame, area)) {
        MouthCompositor.render(patch.bgr(), patch.x(), patch.y(), target, e, 1.0, shut);
      }
      List<TrackedFace> faces = tracker.track(frame.bgr(), 0);
      assertEquals(1, faces.size(), "the drawn face is found");
      return MouthShape.aperture(faces.get(0).raw());
    }
  }
}
