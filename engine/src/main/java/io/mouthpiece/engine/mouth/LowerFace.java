package io.mouthpiece.engine.mouth;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.mouthpiece.engine.face.FaceLandmarks;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The window of a face that holds the mouth and jaw, in the face's own frame ({@link FaceFrame}):
 * from just under the eyes to below the chin, cheek to cheek. Cut out at {@code pxPerUnit}
 * pixels per inter-ocular distance, every exemplar of a face has the same size and layout.
 */
public record LowerFace(double pxPerUnit) {
  /** Bounds of the window in face units (eyes at v = 0, inter-ocular distance 1). */
  public static final double U_MIN = -1.15;
  public static final double U_MAX = 1.15;
  public static final double V_MIN = 0.25;
  public static final double V_MAX = 1.85;
  /** Mesh points rigid with the skull (eye corners, nose, cheekbones): what a mouth is placed by. */
  public static final int[] RIGID = {33, 133, 362, 263, 1, 2, 98, 327, 6, 234, 454, 127, 356};

  public int width() {
    return (int) Math.round((U_MAX - U_MIN) * pxPerUnit);
  }

  public int height() {
    return (int) Math.round((V_MAX - V_MIN) * pxPerUnit);
  }

  /** Window pixel (x, y) to face units. */
  public double[] toFace(double x, double y) {
    return new double[] {U_MIN + x / pxPerUnit, V_MIN + y / pxPerUnit};
  }

  /** Face units to window pixels. */
  public double[] toWindow(double u, double v) {
    return new double[] {(u - U_MIN) * pxPerUnit, (v - V_MIN) * pxPerUnit};
  }

  /** The map from window pixels to frame pixels for the face in {@code frame}. */
  public double[] windowToFrame(FaceFrame frame) {
    double[] o = frame.toFrame(U_MIN, V_MIN);
    double[] ex = frame.toFrame(U_MIN + 1 / pxPerUnit, V_MIN);
    double[] ey = frame.toFrame(U_MIN, V_MIN + 1 / pxPerUnit);
    return new double[] {ex[0] - o[0], ey[0] - o[0], o[0], ex[1] - o[1], ey[1] - o[1], o[1]};
  }

  /** Cuts this window out of a BGR frame for the face with these landmarks. */
  public Mat cut(Mat bgr, FaceLandmarks l) {
    double[] m = windowToFrame(FaceFrame.of(l));
    Mat out = new Mat();
    try (Mat map = new Mat(2, 3, CV_64F)) {
      DoubleIndexer ix = map.createIndexer();
      for (int i = 0; i < 6; i++) {
        ix.put(i / 3, i % 3, m[i]);
      }
      ix.release();
      warpAffine(bgr, out, map, new Size(width(), height()), INTER_LINEAR | WARP_INVERSE_MAP, BORDER_REPLICATE, new Scalar());
    }
    return out;
  }

  /** All 468 landmarks in window pixels (x, y pairs). */
  public float[] landmarksInWindow(FaceLandmarks l) {
    FaceFrame frame = FaceFrame.of(l);
    float[] xy = new float[FaceLandmarks.COUNT * 2];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      double[] uv = frame.toFace(l.x(i), l.y(i));
      double[] w = toWindow(uv[0], uv[1]);
      xy[2 * i] = (float) w[0];
      xy[2 * i + 1] = (float) w[1];
    }
    return xy;
  }
}
