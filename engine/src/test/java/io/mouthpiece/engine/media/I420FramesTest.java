package io.mouthpiece.engine.media;

import static org.bytedeco.opencv.global.opencv_core.PSNR;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * I420 frames (the render pass's) against BGR frames (the obvious decode), on a real video whose
 * width (844) makes JavaCV pad its rows: the same pictures at the same times; buffers reused
 * across threads never mix two frames up; and a {@link BgrPatch} changes its rectangle only.
 */
class I420FramesTest {
  /** Looked up when a test runs, not when the class loads: a missing file fails that test alone. */
  private static Path sourceVideo() {
    return TestMedia.video("retalking_face2.mp4");
  }

  @Test
  void i420FramesShowWhatBgrFramesShowAtTheSameTimes() throws Exception {
    int frames = 0;
    double worst = Double.MAX_VALUE;
    try (VideoReader bgr = VideoReader.open(sourceVideo()); VideoReader i420 = VideoReader.open(sourceVideo(), VideoFrame.Layout.I420)) {
      while (true) {
        Optional<VideoFrame> a = bgr.read();
        Optional<VideoFrame> b = i420.read();
        assertEquals(a.isPresent(), b.isPresent(), "frame counts differ at frame " + frames);
        if (a.isEmpty()) {
          break;
        }
        try (VideoFrame x = a.get(); VideoFrame y = b.get(); Mat converted = new Mat()) {
          assertEquals(x.timestampUs(), y.timestampUs(), "time of frame " + frames);
          assertEquals(x.width(), y.width());
          assertEquals(x.height(), y.height());
          cvtColor(y.pixels(), converted, COLOR_YUV2BGR_I420);
          worst = Math.min(worst, PSNR(x.bgr(), converted));
        }
        frames++;
      }
    }
    System.out.printf("%d frames: I420 converted by OpenCV against FFmpeg's BGR, worst PSNR %.1f dB%n", frames, worst);
    assertTrue(frames > 100);
    // Two conversions of the same YUV (chroma interpolated differently): well above visible differences.
    assertTrue(worst > 38, "worst PSNR " + worst);
  }

  @Test
  void reusedBuffersNeverMixFramesUp() throws Exception {
    // Through the decoding thread, each frame closed at once: its buffer goes back for the next ones.
    List<Long> reused = new ArrayList<>();
    try (ReadAhead frames = new ReadAhead(VideoReader.open(sourceVideo(), VideoFrame.Layout.I420))) {
      Optional<VideoFrame> f;
      while ((f = frames.read()).isPresent()) {
        try (VideoFrame frame = f.get()) {
          reused.add(fingerprint(frame.pixels()));
        }
      }
    }
    // Every frame held until the end: no buffer is given back, so none can be reused.
    List<Long> held = new ArrayList<>();
    List<VideoFrame> open = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(sourceVideo(), VideoFrame.Layout.I420)) {
      Optional<VideoFrame> f;
      while ((f = reader.read()).isPresent()) {
        open.add(f.get());
      }
      for (VideoFrame frame : open) {
        held.add(fingerprint(frame.pixels()));
      }
      open.forEach(VideoFrame::close);
    }
    assertEquals(held, reused);
  }

  @Test
  void aPatchChangesItsRectangleOnlyAndRoundTripsWithinTwoLevels() throws Exception {
    try (VideoReader reader = VideoReader.open(sourceVideo(), VideoFrame.Layout.I420); VideoFrame frame = reader.read().orElseThrow();
        Mat before = toBgr(frame)) {
      // Odd corners: the patch widens them to even ones.
      Rect wanted = new Rect(301, 405, 121, 77);
      Rect even = new Rect(300, 404, 122, 78);
      try (BgrPatch untouched = BgrPatch.of(frame, wanted)) {
        assertEquals(300, untouched.x());
        assertEquals(404, untouched.y());
      }
      try (Mat afterRoundTrip = toBgr(frame); Mat diff = new Mat()) {
        absdiff(before, afterRoundTrip, diff);
        double[] most = new double[1];
        org.bytedeco.opencv.global.opencv_core.minMaxLoc(diff.reshape(1), null, most, null, null, null);
        assertTrue(most[0] <= 2, "a round trip through BGR moves pixels by " + most[0]);
      }
      try (BgrPatch patch = BgrPatch.of(frame, wanted)) {
        patch.bgr().put(new Scalar(255, 255, 255, 0));
      }
      try (Mat after = toBgr(frame); Mat diff = new Mat(); Mat grey = new Mat()) {
        absdiff(before, after, diff);
        cvtColor(diff, grey, COLOR_BGR2GRAY);
        try (Mat inside = new Mat(grey, even)) {
          assertTrue(countNonZero(inside) > even.area() * 0.9, "the patch's drawing is in the frame");
          inside.put(new Scalar(0));
        }
        assertEquals(0, countNonZero(grey), "pixels outside the patch changed");
      }
    }
  }

  private static Mat toBgr(VideoFrame i420) {
    Mat bgr = new Mat();
    cvtColor(i420.pixels(), bgr, COLOR_YUV2BGR_I420);
    return bgr;
  }

  /** A hash of every byte: a mixed-up or torn frame changes it. */
  private static long fingerprint(Mat pixels) {
    byte[] bytes = new byte[(int) (pixels.total() * pixels.elemSize())];
    pixels.data().get(bytes);
    return java.util.Arrays.hashCode(bytes) * 31L + bytes.length;
  }
}
