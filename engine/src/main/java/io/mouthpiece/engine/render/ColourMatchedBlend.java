package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.mouthpiece.engine.render.ScratchMats.Slot;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Blends a placed exemplar into a frame through a soft mask, its colour first shifted to the
 * frame's along the mask's soft edge, so no seam shows where the lighting differs. In: the frame's
 * region, the warped exemplar over it and the mask's weights (0-1, float). Out: the region,
 * blended in place.
 */
final class ColourMatchedBlend {
  /**
   * The colour match is measured on the means of blocks this size: a mean over a smooth band needs
   * no finer, and OpenCV's area resize is fast only at a whole-number scale.
   */
  private static final int BLOCK = 4;

  private ColourMatchedBlend() {}

  /**
   * region = mask · (warped + offset) + (1 − mask) · region, where offset matches the warped
   * picture's mean colour to the frame's along the mask's soft edge (weights m·(1−m)). The offset
   * is a mean over a smooth band, so it is measured on {@link #BLOCK}-pixel blocks; the blend itself is
   * one 8-bit pass.
   */
  static void blend(Mat region, Mat warped, Mat mask, ScratchMats scratch) {
    int rows = region.rows();
    int cols = region.cols();
    Scalar offset = edgeOffset(region, warped, mask, scratch);
    try (Mat shifted = scratch.mat(Slot.SHIFTED, rows, cols, CV_8UC3); Mat rest = scratch.mat(Slot.REST, rows, cols, CV_32F);
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
    int rows = Math.max(1, region.rows() / BLOCK);
    int cols = Math.max(1, region.cols() / BLOCK);
    Size small = new Size(cols, rows);
    // Whole blocks only: OpenCV's area resize is fast at an integer scale and many times slower at
    // any other (a last row or column of the region is left out of the mean).
    Rect whole = new Rect(0, 0, Math.min(region.cols(), cols * BLOCK), Math.min(region.rows(), rows * BLOCK));
    try (Mat r8 = scratch.mat(Slot.EDGE_REGION_8U, rows, cols, CV_8UC3);
        Mat w8 = scratch.mat(Slot.EDGE_WARPED_8U, rows, cols, CV_8UC3);
        Mat m = scratch.mat(Slot.EDGE_MASK, rows, cols, CV_32F);
        Mat r = scratch.mat(Slot.EDGE_REGION, rows, cols, CV_32FC3);
        Mat w = scratch.mat(Slot.EDGE_WARPED, rows, cols, CV_32FC3);
        Mat edge = scratch.mat(Slot.EDGE_WEIGHT, rows, cols, CV_32F);
        Mat edge3 = scratch.mat(Slot.EDGE_WEIGHT_3, rows, cols, CV_32FC3); MatVector e = new MatVector(edge, edge, edge);
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
}
