package io.mouthpiece.engine.mouth;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.mouthpiece.engine.face.FaceLandmarks;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A small picture of the mouth and the skin round it, the same for every frame of a face: what
 * {@link CoverModel} compares frames by. In: a BGR frame and the face's (smoothed) landmarks. Out:
 * {@link #PIXELS} pixels, row by row, each four bytes: its CIE Lab colour (OpenCV's 8-bit Lab: L
 * scaled to 0-255, a and b offset by 128) and what the frame's landmarks say is there
 * ({@link #SKIN}, {@link #LIP}, {@link #INSIDE} the mouth, or the {@link #REFERENCE} above). Cut in the face's own frame
 * ({@link FaceFrame}) so that a pixel is the same place on the face in every frame however the head
 * moves. Placed by the eye corners, not the lips: a mesh whose lips are wrong under a hand still
 * places the patch where the mouth is.
 */
public final class MouthPatch {
  private MouthPatch() {}

  /**
   * The patch's bounds in face units (eyes at v = 0, inter-ocular distance 1): the lips (about
   * 0.55 to 1.1 below the eye line, half a unit either side) with a margin of skin, which an
   * object over the mouth covers too and which barely changes while the person speaks; and above
   * them, from {@link #V_MIN} to {@link #REFERENCE_BELOW}, the nose and the cheeks beside it
   * ({@link #REFERENCE}), which an object over the mouth seldom reaches: how the light on the face
   * changed is read there.
   */
  public static final double U_MIN = -0.8;
  public static final double U_MAX = 0.8;
  public static final double V_MIN = 0.1;
  public static final double REFERENCE_BELOW = 0.4;
  public static final double V_MAX = 1.4;
  /**
   * Pixels per face unit: 20 gives 32 x 26 pixels, each a twentieth of the inter-ocular distance
   * (the lips are two to three pixels thick, a finger three to four pixels wide): 3.3 kB a frame.
   */
  public static final int PX_PER_UNIT = 20;
  public static final int WIDTH = (int) Math.round((U_MAX - U_MIN) * PX_PER_UNIT);
  public static final int HEIGHT = (int) Math.round((V_MAX - V_MIN) * PX_PER_UNIT);
  public static final int PIXELS = WIDTH * HEIGHT;
  /** Bytes of one patch: three Lab channels and the region, a pixel. */
  public static final int BYTES = PIXELS * 4;
  /** Regions, by the frame's lip landmarks: outside the outer lip contour, between the contours, inside the inner one. */
  public static final byte SKIN = 0;
  public static final byte LIP = 1;
  public static final byte INSIDE = 2;
  /** Above the mouth's surroundings: the nose and the cheeks beside it. */
  public static final byte REFERENCE = 3;
  /**
   * The patch is first cut this many times finer and then averaged down, so each of its pixels is
   * the mean of the skin it covers, not one sample of it (which would alias skin texture into noise).
   */
  private static final int OVERSAMPLE = 4;

  /** The patch of the face with landmarks {@code l} in {@code bgr}. */
  public static byte[] of(Mat bgr, FaceLandmarks l) {
    FaceFrame face = FaceFrame.of(l);
    double step = 1.0 / (PX_PER_UNIT * OVERSAMPLE);
    double[] o = face.toFrame(U_MIN, V_MIN);
    double[] ex = face.toFrame(U_MIN + step, V_MIN);
    double[] ey = face.toFrame(U_MIN, V_MIN + step);
    double[] m = {ex[0] - o[0], ey[0] - o[0], o[0], ex[1] - o[1], ey[1] - o[1], o[1]};
    byte[] lab = new byte[PIXELS * 3];
    byte[] regions = new byte[PIXELS];
    try (Mat map = new Mat(2, 3, CV_64F); Mat fine = new Mat(); Mat small = new Mat(); Mat colour = new Mat();
        Mat region = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(SKIN))) {
      try (Mat above = region.rowRange(0, (int) Math.round((REFERENCE_BELOW - V_MIN) * PX_PER_UNIT))) {
        above.put(new Scalar(REFERENCE));
      }
      DoubleIndexer ix = map.createIndexer();
      for (int i = 0; i < 6; i++) {
        ix.put(i / 3, i % 3, m[i]);
      }
      ix.release();
      warpAffine(bgr, fine, map, new Size(WIDTH * OVERSAMPLE, HEIGHT * OVERSAMPLE), INTER_LINEAR | WARP_INVERSE_MAP,
          BORDER_REPLICATE, new Scalar());
      resize(fine, small, new Size(WIDTH, HEIGHT), 0, 0, INTER_AREA);
      cvtColor(small, colour, COLOR_BGR2Lab);
      colour.data().get(lab);
      fill(region, face, l, FaceLandmarks.LIPS_OUTER, LIP);
      fill(region, face, l, FaceLandmarks.LIPS_INNER, INSIDE);
      region.data().get(regions);
    }
    byte[] out = new byte[BYTES];
    for (int p = 0; p < PIXELS; p++) {
      out[4 * p] = lab[3 * p];
      out[4 * p + 1] = lab[3 * p + 1];
      out[4 * p + 2] = lab[3 * p + 2];
      out[4 * p + 3] = regions[p];
    }
    return out;
  }

  /** Paints the polygon of landmarks {@code contour} (in patch pixels) into {@code region} as {@code value}. */
  private static void fill(Mat region, FaceFrame face, FaceLandmarks l, int[] contour, byte value) {
    try (Mat points = new Mat(contour.length, 1, CV_32SC2)) {
      IntIndexer ix = points.createIndexer();
      for (int k = 0; k < contour.length; k++) {
        double[] uv = face.toFace(l.x(contour[k]), l.y(contour[k]));
        ix.put(k, 0, 0, (int) Math.round((uv[0] - U_MIN) * PX_PER_UNIT - 0.5));
        ix.put(k, 0, 1, (int) Math.round((uv[1] - V_MIN) * PX_PER_UNIT - 0.5));
      }
      ix.release();
      try (MatVector polygons = new MatVector(points)) {
        fillPoly(region, polygons, new Scalar(value));
      }
    }
  }
}
