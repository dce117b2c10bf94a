package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.LowerFace;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.Similarity;
import io.mouthpiece.engine.render.ScratchMats.Slot;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Puts an exemplar's mouth and jaw onto a frame. In: the frame, the face's landmarks in it, the
 * chosen exemplar and a strength (0 leaves the frame as it is, 1 shows the exemplar fully; the
 * window's edges cross-fade in between). Out: the frame, changed in place inside a feathered mask
 * fixed in landmark space ({@link MouthMask}: under the nose, round the frame's jaw and the
 * exemplar's chin). The exemplar is placed by the rigid part of the face (eyes, nose, cheekbones),
 * so the jaw is free to move ({@link ExemplarWarp}), and its colours are matched to the frame along
 * the mask's edge, so no seam shows where lighting drifts ({@link ColourMatchedBlend}).
 */
public final class MouthCompositor {
  /**
   * A footprint narrower or lower than this (pixels, after clipping at the picture's edge) is not
   * drawn: it would be smaller than one block of the colour match.
   */
  private static final int MIN_BOX_PX = 4;

  private MouthCompositor() {}

  /**
   * Renders {@code exemplar} (in place) onto {@code bgr}, which holds the frame's pixels from
   * ({@code originX}, {@code originY}) on (0, 0: the whole frame); {@code target} is in frame
   * pixels. Drawn the same as on the whole frame when the part holds the {@link #footprint}. With {@code shut}, the exemplar's lips are
   * drawn closed ({@link LipCloser}). Returns whether anything was drawn: false at strength 0 and
   * where the mouth's footprint is too small to draw ({@link #MIN_BOX_PX}), which the quality
   * report counts as a frame passed through.
   */
  public static boolean render(Mat bgr, int originX, int originY, FaceLandmarks target, MouthExemplar exemplar,
      double strength, boolean shut) {
    if (strength <= 0) {
      return false;
    }
    Similarity place = place(target, exemplar);
    MouthMask mask = MouthMask.of(target, exemplar.windowLandmarks(), place);
    Rect box = mask.footprint(originX, originY, originX + bgr.cols(), originY + bgr.rows());
    if (box.width() < MIN_BOX_PX || box.height() < MIN_BOX_PX) {
      return false;
    }
    ScratchMats scratch = ScratchMats.ofThisThread();
    int h = box.height();
    int w = box.width();
    // An I420 picture is stored as 1.5 times its rows (the chroma planes under the luma).
    int windowRows = exemplar.window().rows() * 2 / 3;
    try (Mat region = new Mat(bgr, new Rect(box.x() - originX, box.y() - originY, w, h));
        Mat mask8 = scratch.mat(Slot.MASK_8U, h, w, CV_8U);
        Mat weights = scratch.mat(Slot.MASK_WEIGHTS, h, w, CV_32F);
        Mat warped = scratch.mat(Slot.WARPED, h, w, CV_8UC3);
        Mat window = exemplar.windowBgr(scratch.mat(Slot.WINDOW, windowRows, exemplar.window().cols(), CV_8UC3))) {
      mask.paint(mask8, box);
      mask8.convertTo(weights, CV_32F, strength / 255.0, 0);

      if (shut) {
        ExemplarWarp.shut(window, warped, place, LipCloser.of(exemplar.windowLandmarks()), box, scratch);
      } else {
        ExemplarWarp.open(window, warped, place, box);
      }
      ColourMatchedBlend.blend(region, warped, weights, scratch);
    }
    return true;
  }

  /** The rectangle of a {@code frameWidth} × {@code frameHeight} frame that {@link #render} may change. */
  public static Rect footprint(FaceLandmarks target, MouthExemplar exemplar, int frameWidth, int frameHeight) {
    return MouthMask.of(target, exemplar.windowLandmarks(), place(target, exemplar)).footprint(0, 0, frameWidth, frameHeight);
  }

  /** Where the exemplar's window goes in the frame: the best fit of its rigid points onto the target's. */
  private static Similarity place(FaceLandmarks target, MouthExemplar exemplar) {
    double[] from = new double[LowerFace.RIGID.length * 2];
    double[] to = new double[LowerFace.RIGID.length * 2];
    for (int i = 0; i < LowerFace.RIGID.length; i++) {
      int p = LowerFace.RIGID[i];
      from[2 * i] = exemplar.windowLandmarks()[2 * p];
      from[2 * i + 1] = exemplar.windowLandmarks()[2 * p + 1];
      to[2 * i] = target.x(p);
      to[2 * i + 1] = target.y(p);
    }
    return Similarity.fit(from, to);
  }
}
