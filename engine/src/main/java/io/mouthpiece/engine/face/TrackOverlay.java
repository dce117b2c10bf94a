package io.mouthpiece.engine.face;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;

import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Draws what the tracker saw onto a frame, for people to check tracking by eye. */
public final class TrackOverlay {
  private static final Scalar[] COLOURS = {
    new Scalar(80, 220, 80, 0), new Scalar(60, 160, 255, 0), new Scalar(255, 120, 60, 0),
    new Scalar(220, 80, 220, 0), new Scalar(60, 220, 220, 0)
  };
  private static final Scalar LIPS = new Scalar(60, 60, 255, 0);
  /** Lines are at least this thick: thinner ones vanish in H.264 at the sizes faces are seen at. */
  private static final int MIN_LINE_PX = 2;
  /** Otherwise a line is the frame's shorter side over this thick: 2 px at 720p, 3 at 1080p. */
  private static final int PX_PER_LINE_PX = 360;
  /** The face id sits this far above its box, and never so high that it leaves the picture. */
  private static final int LABEL_GAP_PX = 6;
  private static final int LABEL_MIN_Y = 12;

  private TrackOverlay() {}

  /** Boxes, face ids and lip contours (outer and inner, smoothed landmarks) on {@code bgr}. */
  public static void draw(Mat bgr, List<TrackedFace> faces, IntFunction<String> faceIdOfTrack) {
    int thickness = Math.max(MIN_LINE_PX, Math.min(bgr.cols(), bgr.rows()) / PX_PER_LINE_PX);
    for (TrackedFace f : faces) {
      FaceLandmarks l = f.smoothed();
      String id = faceIdOfTrack.apply(f.trackId());
      Scalar colour = COLOURS[Math.floorMod(id.hashCode(), COLOURS.length)];
      double[] b = l.bounds();
      rectangle(bgr, new Point((int) b[0], (int) b[1]), new Point((int) b[2], (int) b[3]), colour, thickness, LINE_AA, 0);
      putText(bgr, "face " + id, new Point((int) b[0], (int) Math.max(LABEL_MIN_Y, b[1] - LABEL_GAP_PX)), FONT_HERSHEY_SIMPLEX,
          0.5 * thickness + 0.2, colour, thickness, LINE_AA, false);
      contour(bgr, l, FaceLandmarks.LIPS_OUTER, LIPS, thickness);
      contour(bgr, l, FaceLandmarks.LIPS_INNER, LIPS, thickness);
    }
  }

  private static void contour(Mat bgr, FaceLandmarks l, int[] loop, Scalar colour, int thickness) {
    for (int i = 0; i < loop.length; i++) {
      int a = loop[i];
      int b = loop[(i + 1) % loop.length];
      line(bgr, new Point(Math.round(l.x(a)), Math.round(l.y(a))), new Point(Math.round(l.x(b)), Math.round(l.y(b))),
          colour, thickness, LINE_AA, 0);
    }
  }
}
