package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.bytedeco.opencv.global.opencv_imgproc.convexHull;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_core.sumElems;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.LowerFace;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.Similarity;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Puts an exemplar's mouth and jaw onto a frame. In: the frame, the face's landmarks in it, the
 * chosen exemplar and a strength (0 leaves the frame as it is, 1 shows the exemplar fully; the
 * window's edges cross-fade in between). Out: the frame, changed in place inside a feathered mask
 * fixed in landmark space (under the nose, round the frame's jaw and the exemplar's chin). The exemplar is placed
 * by the rigid part of the face (eyes, nose, cheekbones), so the jaw is free to move, and its
 * colours are matched to the frame along the mask's edge, so no seam shows where lighting drifts.
 */
public final class MouthCompositor {
  /** Mask edge softness, in inter-ocular distances. */
  private static final double FEATHER = 0.07;
  /** Where the mask starts: points under the nose and on the cheeks, then the jaw line. */
  private static final int[] MASK_TOP = {2, 98, 327, 203, 423, 206, 426, 216, 436};
  /** The jaw line and, past its ends, the face outline's next point up (58, 288): round the jaw's corners. */
  private static final int[] JAW = FaceLandmarks.join(FaceLandmarks.JAW_LINE, new int[] {58, 288});
  /** The chin's front, its tip and the point either side: the mask reaches past these. */
  private static final int[] CHIN_FRONT = Arrays.copyOfRange(FaceLandmarks.CHIN, 1, 4);
  /** How far out along the line from the mouth to the jaw outline the mask reaches at the sides. */
  private static final double JAW_INWARD = 0.8;

  private MouthCompositor() {}

  /**
   * Renders {@code exemplar} (in place) onto {@code bgr}, which holds the frame's pixels from
   * ({@code originX}, {@code originY}) on (0, 0: the whole frame); {@code target} is in frame
   * pixels. Drawn the same as on the whole frame when the part holds the {@link #footprint}. With {@code shut}, the exemplar's lips are
   * drawn closed ({@link LipCloser}).
   */
  public static void render(Mat bgr, int originX, int originY, FaceLandmarks target, MouthExemplar exemplar,
      double strength, boolean shut) {
    if (strength <= 0) {
      return;
    }
    Shape shape = Shape.of(target, exemplar);
    Rect box = bounds(shape.polygon, 3 * shape.feather, originX, originY, originX + bgr.cols(), originY + bgr.rows());
    if (box.width() < 4 || box.height() < 4) {
      return;
    }
    ScratchMats scratch = ScratchMats.ofThisThread();
    int h = box.height();
    int w = box.width();
    try (Mat region = new Mat(bgr, new Rect(box.x() - originX, box.y() - originY, w, h));
        Mat mask8 = scratch.mat(0, h, w, CV_8U);
        Mat mask = scratch.mat(1, h, w, CV_32F);
        Mat warped = scratch.mat(2, h, w, CV_8UC3);
        Mat window = exemplar.windowBgr(scratch.mat(3, exemplar.window().rows() * 2 / 3, exemplar.window().cols(), CV_8UC3))) {
      mask8.put(new Scalar(0));
      fillHull(mask8, shape.polygon, box);
      softEdge(mask8, shape.feather);
      mask8.convertTo(mask, CV_32F, strength / 255.0, 0);

      if (shut) {
        shutWarp(window, warped, shape.place, LipCloser.of(exemplar.windowLandmarks()), box, scratch);
      } else {
        placeWarp(window, warped, shape.place, box);
      }
      blend(region, warped, mask, scratch);
    }
  }

  /** The exemplar's window placed into {@code box}. */
  private static void placeWarp(Mat window, Mat warped, Similarity place, Rect box) {
    double[] m = place.matrix();
    try (Mat map = new Mat(2, 3, CV_64F)) {
      DoubleIndexer mi = map.createIndexer();
      mi.put(0, 0, m[0]);
      mi.put(0, 1, m[1]);
      mi.put(0, 2, m[2] - box.x());
      mi.put(1, 0, m[3]);
      mi.put(1, 1, m[4]);
      mi.put(1, 2, m[5] - box.y());
      mi.release();
      warpAffine(window, warped, map, new Size(box.width(), box.height()), INTER_LINEAR, BORDER_REPLICATE, new Scalar());
    }
  }

  /**
   * The exemplar's window placed into {@code box} as warpAffine would, but read through the
   * closer's lift, so its lips meet.
   */
  private static void shutWarp(Mat window, Mat warped, Similarity place, LipCloser closer, Rect box,
      ScratchMats scratch) {
    int h = box.height();
    int w = box.width();
    // Frame pixel (X, Y) comes from window pixel back(X, Y), lifted by the closer.
    Similarity back = place.inverse();
    try (Mat mapX = scratch.mat(12, h, w, CV_32F); Mat mapY = scratch.mat(13, h, w, CV_32F)) {
      FloatIndexer xi = mapX.createIndexer();
      FloatIndexer yi = mapY.createIndexer();
      for (int y = 0; y < h; y++) {
        double fy = box.y() + y;
        for (int x = 0; x < w; x++) {
          double fx = box.x() + x;
          double wx = back.a() * fx - back.b() * fy + back.tx();
          double wy = back.b() * fx + back.a() * fy + back.ty();
          xi.put(y, x, (float) wx);
          yi.put(y, x, (float) (wy + closer.lift(wx, wy)));
        }
      }
      xi.release();
      yi.release();
      remap(window, warped, mapX, mapY, INTER_LINEAR, BORDER_REPLICATE, new Scalar());
    }
  }

  /** The rectangle of a {@code frameWidth} × {@code frameHeight} frame that {@link #render} may change. */
  public static Rect footprint(FaceLandmarks target, MouthExemplar exemplar, int frameWidth, int frameHeight) {
    Shape shape = Shape.of(target, exemplar);
    return bounds(shape.polygon, 3 * shape.feather, 0, 0, frameWidth, frameHeight);
  }

  /** Where the exemplar goes (by the rigid points) and the mask polygon in frame pixels. */
  private record Shape(Similarity place, double[] polygon, double feather) {
    static Shape of(FaceLandmarks target, MouthExemplar exemplar) {
      double[] from = new double[LowerFace.RIGID.length * 2];
      double[] to = new double[LowerFace.RIGID.length * 2];
      for (int i = 0; i < LowerFace.RIGID.length; i++) {
        int p = LowerFace.RIGID[i];
        from[2 * i] = exemplar.windowLandmarks()[2 * p];
        from[2 * i + 1] = exemplar.windowLandmarks()[2 * p + 1];
        to[2 * i] = target.x(p);
        to[2 * i + 1] = target.y(p);
      }
      Similarity place = Similarity.fit(from, to);
      double feather = Math.max(1.5, FEATHER * target.interocular());

      // The mask polygon in frame pixels: the target's lower face and the exemplar's chin placed on it.
      int count = MASK_TOP.length + JAW.length + FaceLandmarks.CHIN.length;
      double[] poly = new double[count * 2];
      int at = 0;
      // The top edge is raised by the feather's width (towards the eyes), so the soft edge lies on the
      // nose's base and the whole upper lip is the exemplar's: a half-blended upper lip shows the
      // frame's own lip as a pale double outline.
      int upperLip = FaceLandmarks.UPPER_LIP_INNER_MIDDLE;
      int lowerLip = FaceLandmarks.LOWER_LIP_INNER_MIDDLE;
      double upX = (target.x(FaceLandmarks.RIGHT_EYE_OUTER) + target.x(FaceLandmarks.LEFT_EYE_OUTER)) / 2 - target.x(upperLip);
      double upY = (target.y(FaceLandmarks.RIGHT_EYE_OUTER) + target.y(FaceLandmarks.LEFT_EYE_OUTER)) / 2 - target.y(upperLip);
      double upLength = Math.max(1e-6, Math.hypot(upX, upY));
      double lift = 1.5 * feather;
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
        // The chin itself is reached past its edge by the soft edge's width, so a frame's own chin
        // lower than the exemplar's is covered, not left as a faint second chin in the feather.
        double scale = isChinFront(p) ? 1 + lift / Math.max(1e-6, Math.hypot(dx, dy)) : JAW_INWARD;
        poly[at++] = mouthX + scale * dx;
        poly[at++] = mouthY + scale * dy;
      }
      // The exemplar's chin, which may hang lower than the frame's (an open jaw). Only the chin: the
      // exemplar's jaw sides and cheeks may have background beside them when heads turn differently.
      for (int p : FaceLandmarks.CHIN) {
        double[] q = place.apply(exemplar.windowLandmarks()[2 * p], exemplar.windowLandmarks()[2 * p + 1]);
        poly[at++] = q[0];
        poly[at++] = q[1];
      }
      return new Shape(place, poly, feather);
    }

    private static boolean isChinFront(int p) {
      for (int q : CHIN_FRONT) {
        if (q == p) {
          return true;
        }
      }
      return false;
    }
  }

  private static void fillHull(Mat mask8, double[] poly, Rect box) {
    int n = poly.length / 2;
    try (Mat points = new Mat(n, 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2); Mat hull = new Mat()) {
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
   * inside the polygon. Done at a quarter of the resolution: the result is smooth anyway, and a
   * full-size blur this wide is the costliest step of a frame.
   */
  private static void softEdge(Mat mask8, double feather) {
    int factor = feather >= 8 ? 4 : 1;
    int cols = Math.max(1, mask8.cols() / factor);
    int rows = Math.max(1, mask8.rows() / factor);
    // Whole blocks only (fast area resize, see edgeOffset); the last few rows and columns lie in
    // the box's empty margin, or on the picture's edge where the box was clipped.
    Rect whole = new Rect(0, 0, Math.min(mask8.cols(), cols * factor), Math.min(mask8.rows(), rows * factor));
    try (Mat small = new Mat(); Mat blocks = new Mat(mask8, whole)) {
      resize(blocks, small, new Size(cols, rows), 0, 0, INTER_AREA);
      double f = feather / factor;
      erode(small, small, new Mat(), new Point(-1, -1), (int) Math.max(1, Math.round(f)), BORDER_REPLICATE, new Scalar(0));
      int k = 2 * (int) Math.ceil(2 * f) + 1;
      GaussianBlur(small, small, new Size(k, k), f);
      resize(small, blocks, new Size(whole.width(), whole.height()), 0, 0, INTER_LINEAR);
    }
  }

  /**
   * region = mask · (warped + offset) + (1 − mask) · region, where offset matches the warped
   * picture's mean colour to the frame's along the mask's soft edge (weights m·(1−m)). The offset
   * is a mean over a smooth band, so it is measured at a quarter of the size; the blend itself is
   * one 8-bit pass.
   */
  private static void blend(Mat region, Mat warped, Mat mask, ScratchMats scratch) {
    int rows = region.rows();
    int cols = region.cols();
    Scalar offset = edgeOffset(region, warped, mask, scratch);
    try (Mat shifted = scratch.mat(4, rows, cols, CV_8UC3); Mat rest = scratch.mat(5, rows, cols, CV_32F);
        Mat scalar = new Mat(4, 1, CV_64F)) {
      // A 4 × 1 double matrix is how OpenCV's add takes a per-channel scalar.
      DoubleIndexer si = scalar.createIndexer();
      for (int c = 0; c < 4; c++) {
        si.put(c, 0, offset.get(c));
      }
      si.release();
      add(warped, scalar, shifted);
      mask.convertTo(rest, CV_32F, -1, 1);
      blendLinear(shifted, region, mask, rest, region);
    }
  }

  /** Mean of (region − warped) weighted by m·(1−m), per channel. */
  private static Scalar edgeOffset(Mat region, Mat warped, Mat mask, ScratchMats scratch) {
    int rows = Math.max(1, region.rows() / 4);
    int cols = Math.max(1, region.cols() / 4);
    Size small = new Size(cols, rows);
    // Whole 4 × 4 blocks only: OpenCV's area resize is fast at an integer scale and many times
    // slower at any other (a last row or column of the region is left out of the mean).
    Rect whole = new Rect(0, 0, Math.min(region.cols(), cols * 4), Math.min(region.rows(), rows * 4));
    try (Mat r8 = scratch.mat(6, rows, cols, CV_8UC3); Mat w8 = scratch.mat(7, rows, cols, CV_8UC3);
        Mat m = scratch.mat(8, rows, cols, CV_32F); Mat r = scratch.mat(9, rows, cols, CV_32FC3);
        Mat w = scratch.mat(10, rows, cols, CV_32FC3); Mat edge = scratch.mat(11, rows, cols, CV_32F);
        Mat edge3 = scratch.mat(14, rows, cols, CV_32FC3); MatVector e = new MatVector(edge, edge, edge);
        Mat regionBlocks = new Mat(region, whole); Mat warpedBlocks = new Mat(warped, whole);
        Mat maskBlocks = new Mat(mask, whole)) {
      resize(regionBlocks, r8, small, 0, 0, INTER_AREA);
      resize(warpedBlocks, w8, small, 0, 0, INTER_AREA);
      resize(maskBlocks, m, small, 0, 0, INTER_AREA);
      r8.convertTo(r, CV_32FC3);
      w8.convertTo(w, CV_32FC3);
      // edge = m (1 - m): largest half-way through the soft edge, 0 inside and outside.
      m.convertTo(edge, CV_32F, -1, 1);
      multiply(edge, m, edge);
      merge(e, edge3);
      subtract(r, w, r);
      multiply(r, edge3, r);
      Scalar total = sumElems(r);
      double weight = sumElems(edge).get(0);
      return weight > 0 ? new Scalar(total.get(0) / weight, total.get(1) / weight, total.get(2) / weight, 0)
          : new Scalar(0, 0, 0, 0);
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
