package io.mouthpiece.engine.mouth;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One source frame's lower face, ready to be put on another frame: the picture in the
 * face-normalised window ({@link LowerFace}), where its landmarks fall in that window, and the
 * numbers it is chosen by. Owns its pixels.
 *
 * @param frameIndex the source frame it was cut from
 * @param params {@link MouthParams} of this mouth
 * @param window the lower-face window's pixels as I420 (half the bytes of BGR, and the video's
 *     own chroma resolution), widened to an even size by repeating the last column and row; see
 *     {@link #compact} and {@link #windowBgr}
 * @param windowLandmarks the 468 landmarks in window pixels, x, y pairs
 * @param sharpness variance of the Laplacian around the mouth: low means motion blur
 */
public record MouthExemplar(int frameIndex, double timeSec, double[] params, HeadPose pose, Mat window,
    float[] windowLandmarks, double sharpness) implements AutoCloseable {

  /** A BGR window as an exemplar stores it: I420, widened to an even size (4:2:0 needs one). */
  public static Mat compact(Mat bgr) {
    Mat i420 = new Mat();
    if (bgr.empty()) {
      return i420;
    }
    try (Mat even = new Mat()) {
      copyMakeBorder(bgr, even, 0, bgr.rows() % 2, 0, bgr.cols() % 2, BORDER_REPLICATE);
      cvtColor(even, i420, COLOR_BGR2YUV_I420);
    }
    return i420;
  }

  /**
   * The window as BGR, for drawing; the caller closes it. Beyond the original size it repeats the
   * last column and row, as sampling with replicated borders would anyway.
   */
  public Mat windowBgr() {
    return windowBgr(new Mat());
  }

  /** The same into {@code bgr} (reused when it has the window's size), which is returned. */
  public Mat windowBgr(Mat bgr) {
    if (!window.empty()) {
      cvtColor(window, bgr, COLOR_YUV2BGR_I420);
    }
    return bgr;
  }

  @Override
  public void close() {
    window.close();
  }
}
