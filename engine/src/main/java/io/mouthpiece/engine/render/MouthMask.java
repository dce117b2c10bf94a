package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.convexHull;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.Similarity;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The mask a mouth is drawn through, fixed in landmark space. In: the frame's landmarks, the
 * exemplar's (in its window) and where the exemplar is placed. Out: a polygon in frame pixels
 * (under the nose, round the frame's jaw and the exemplar's chin) with the width of its soft edge,
 * and that polygon drawn as an 8-bit mask, feathered inside its outline.
 *
 * @param polygon x, y pairs in frame pixels; the mask is their convex hull
 * @param feather the soft edge's width in frame pixels
 */
record MouthMask(double[] polygon, double feather) {
  /**
   * Mask edge softness, in inter-ocular distances: 7 px on a face whose eyes are 100 px apart.
   * Set by eye when the compositor was written (commit 6a470ba; README, render pass), not
   * measured: wider shows more of the frame's own mouth through the edge, narrower shows a seam.
   */
  private static final double FEATHER = 0.07;
  /** The narrowest soft edge, in pixels: a tiny face still gets a blended edge, not a stair-stepped one. */
  private static final double MIN_FEATHER_PX = 1.5;
  /**
   * How far the outline reaches past the row under the nose (towards the eyes) and past the chin's
   * front, in feathers. The soft edge's middle lies a feather inside the outline ({@link #softEdge}),
   * so the nose's base and the chin sit half a feather beyond it, on the exemplar's side.
   */
  private static final double REACH_FEATHERS = 1.5;
  /**
   * The footprint's margin round the outline, in feathers: the blur's tail ends a feather past the
   * outline ({@link #softEdge}), so three is room to spare, the quarter-size mask's rounding included.
   */
  private static final double MARGIN_FEATHERS = 3;
  /**
   * A feather this wide (pixels) or wider is shrunk and blurred at a quarter of the size: it is
   * still 2 px or more there, and smooth once scaled back.
   */
  private static final double QUARTER_SIZE_FROM_PX = 8;
  private static final int QUARTER = 4;
  /** The blur's kernel reaches this many standard deviations each way (95% of its weight). */
  private static final double BLUR_REACH_SIGMAS = 2;
  /** Where the mask starts: points under the nose and on the cheeks, then the jaw line. */
  private static final int[] MASK_TOP = {2, 98, 327, 203, 423, 206, 426, 216, 436};
  /** The jaw line and, past its ends, the face outline's next point up (58, 288): round the jaw's corners. */
  private static final int[] JAW = FaceLandmarks.join(FaceLandmarks.JAW_LINE, new int[] {58, 288});
  /** The chin's front, its tip and the point either side: the mask reaches past these. */
  private static final int[] CHIN_FRONT = Arrays.copyOfRange(FaceLandmarks.CHIN, 1, 4);
  /**
   * How far out along the line from the mouth to the jaw outline the mask reaches at the sides:
   * 20% short of the outline, where the background may begin beside an exemplar's cheek. Set by
   * eye with "mask kept on skin" (commit 32a0704), not measured.
   */
  private static final double JAW_INWARD = 0.8;

  /**
   * The mask for an exemplar with landmarks {@code exemplarLandmarks} (468 x, y pairs in window
   * pixels) placed by {@code place} onto the face with landmarks {@code target}.
   */
  static MouthMask of(FaceLandmarks target, float[] exemplarLandmarks, Similarity place) {
    double feather = Math.max(MIN_FEATHER_PX, FEATHER * target.interocular());

    // The mask polygon in frame pixels: the target's lower face and the exemplar's chin placed on it.
    int count = MASK_TOP.length + JAW.length + FaceLandmarks.CHIN.length;
    double[] poly = new double[count * 2];
    int at = 0;
    // The top edge is raised (towards the eyes), so the soft edge lies on the nose's base and the
    // whole upper lip is the exemplar's: a half-blended upper lip shows the frame's own lip as a
    // pale double outline.
    int upperLip = FaceLandmarks.UPPER_LIP_INNER_MIDDLE;
    int lowerLip = FaceLandmarks.LOWER_LIP_INNER_MIDDLE;
    double upX = (target.x(FaceLandmarks.RIGHT_EYE_OUTER) + target.x(FaceLandmarks.LEFT_EYE_OUTER)) / 2 - target.x(upperLip);
    double upY = (target.y(FaceLandmarks.RIGHT_EYE_OUTER) + target.y(FaceLandmarks.LEFT_EYE_OUTER)) / 2 - target.y(upperLip);
    double upLength = Math.max(1e-6, Math.hypot(upX, upY));
    double lift = REACH_FEATHERS * feather;
    for (int p : MASK_TOP) {
      poly[at++] = target.x(p) + lift * upX / upLength;
      poly[at++] = target.y(p) + lift * upY / upLength;
    }
    // The jaw line is the face's outline: pulled a little towards the mouth, the mask stays on
    // skin even where an exemplar seen from another angle has background beside its cheek.
    double mouthX = (target.x(upperLip) + target.x(lowerLip)) / 2;
    double mouthY = (target.y(upperLip) + target.y(lowerLip)) / 2;
    for (int p : JAW) {
      double dx = target.x(p) - mouthX;
      double dy = target.y(p) - mouthY;
      // The chin itself is reached past its edge, so a frame's own chin lower than the exemplar's
      // is covered, not left as a faint second chin in the feather.
      double scale = isChinFront(p) ? 1 + lift / Math.max(1e-6, Math.hypot(dx, dy)) : JAW_INWARD;
      poly[at++] = mouthX + scale * dx;
      poly[at++] = mouthY + scale * dy;
    }
    // The exemplar's chin, which may hang lower than the frame's (an open jaw). Only the chin: the
    // exemplar's jaw sides and cheeks may have background beside them when heads turn differently.
    for (int p : FaceLandmarks.CHIN) {
      double[] q = place.apply(exemplarLandmarks[2 * p], exemplarLandmarks[2 * p + 1]);
      poly[at++] = q[0];
      poly[at++] = q[1];
    }
    return new MouthMask(poly, feather);
  }

  private static boolean isChinFront(int p) {
    for (int q : CHIN_FRONT) {
      if (q == p) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rectangle the mask may touch, soft edge and all, clipped to [minX, maxX) × [minY, maxY):
   * the polygon's bounding box grown by {@link #MARGIN_FEATHERS}.
   */
  Rect footprint(int minX, int minY, int maxX, int maxY) {
    return bounds(polygon, MARGIN_FEATHERS * feather, minX, minY, maxX, maxY);
  }

  /**
   * Draws the mask into {@code mask8}, which covers {@code box} of the frame: 255 inside, 0
   * outside, soft in between.
   */
  void paint(Mat mask8, Rect box) {
    mask8.put(new Scalar(0));
    fillHull(mask8, polygon, box);
    softEdge(mask8, feather);
  }

  private static void fillHull(Mat mask8, double[] poly, Rect box) {
    int n = poly.length / 2;
    try (Mat points = new Mat(n, 1, CV_32SC2); Mat hull = new Mat()) {
      IntIndexer pi = points.createIndexer();
      for (int i = 0; i < n; i++) {
        pi.put(i, 0, 0, (int) Math.round(poly[2 * i] - box.x()));
        pi.put(i, 0, 1, (int) Math.round(poly[2 * i + 1] - box.y()));
      }
      pi.release();
      convexHull(points, hull);
      fillConvexPoly(mask8, hull, new Scalar(255));
    }
  }

  /**
   * Shrinks the mask by the feather width and softens its edge by as much, so the soft edge falls
   * inside the polygon (half strength a feather inside; the blur's tail ends a feather outside). Done at a quarter of the resolution: the result is smooth anyway, and a
   * full-size blur this wide is the costliest step of a frame.
   */
  private static void softEdge(Mat mask8, double feather) {
    int factor = feather >= QUARTER_SIZE_FROM_PX ? QUARTER : 1;
    int cols = Math.max(1, mask8.cols() / factor);
    int rows = Math.max(1, mask8.rows() / factor);
    // Whole blocks only (fast area resize, see ColourMatchedBlend); the last few rows and columns
    // lie in the box's empty margin, or on the picture's edge where the box was clipped.
    Rect whole = new Rect(0, 0, Math.min(mask8.cols(), cols * factor), Math.min(mask8.rows(), rows * factor));
    try (Mat small = new Mat(); Mat blocks = new Mat(mask8, whole)) {
      resize(blocks, small, new Size(cols, rows), 0, 0, INTER_AREA);
      double f = feather / factor;
      erode(small, small, new Mat(), new Point(-1, -1), (int) Math.max(1, Math.round(f)), BORDER_REPLICATE, new Scalar(0));
      int k = 2 * (int) Math.ceil(BLUR_REACH_SIGMAS * f) + 1;
      GaussianBlur(small, small, new Size(k, k), f);
      resize(small, blocks, new Size(whole.width(), whole.height()), 0, 0, INTER_LINEAR);
    }
  }

  /** The polygon's bounding box grown by {@code margin}, clipped to [minX, maxX) × [minY, maxY). */
  private static Rect bounds(double[] poly, double margin, int minX, int minY, int maxX, int maxY) {
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (int i = 0; i < poly.length; i += 2) {
      x0 = Math.min(x0, poly[i]);
      x1 = Math.max(x1, poly[i]);
      y0 = Math.min(y0, poly[i + 1]);
      y1 = Math.max(y1, poly[i + 1]);
    }
    int ax = (int) Math.max(minX, Math.floor(x0 - margin));
    int ay = (int) Math.max(minY, Math.floor(y0 - margin));
    int bx = (int) Math.min(maxX, Math.ceil(x1 + margin));
    int by = (int) Math.min(maxY, Math.ceil(y1 + margin));
    return new Rect(ax, ay, Math.max(0, bx - ax), Math.max(0, by - ay));
  }
}
