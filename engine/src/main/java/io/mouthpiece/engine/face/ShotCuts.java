package io.mouthpiece.engine.face;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Tells a cut between shots from motion inside one: the mean absolute difference of tiny grey
 * thumbnails of consecutive frames. A talking head changes a few grey levels from frame to frame;
 * a cut to another shot changes tens. A face tracked across a cut would otherwise carry its id
 * onto whoever stands at the same place in the next shot.
 */
final class ShotCuts implements AutoCloseable {
  /** Mean grey-level change (0..255) above which two frames are different shots. */
  static final double CUT_THRESHOLD = 30;
  /** The thumbnail compared, in pixels: 16:9, coarse enough that a speaking face's motion averages out. */
  private static final int THUMB_WIDTH = 32;
  private static final int THUMB_HEIGHT = 18;
  /** Every this-many-th pixel is read before averaging (see isCut). */
  private static final int SAMPLE_STEP = 8;

  private final Mat sampled = new Mat();
  private final Mat small = new Mat();
  private Mat previous = new Mat();
  private Mat current = new Mat();
  private final Mat diff = new Mat();
  private boolean first = true;

  /** Whether this frame starts a new shot (never the first frame). */
  boolean isCut(Mat bgr) {
    // Every 8th pixel first (an area average over a whole HD frame costs a millisecond), then averaged.
    Size sampledSize = new Size(Math.max(THUMB_WIDTH, bgr.cols() / SAMPLE_STEP), Math.max(THUMB_HEIGHT, bgr.rows() / SAMPLE_STEP));
    resize(bgr, sampled, sampledSize, 0, 0, INTER_NEAREST);
    resize(sampled, small, new Size(THUMB_WIDTH, THUMB_HEIGHT), 0, 0, INTER_AREA);
    cvtColor(small, current, COLOR_BGR2GRAY);
    boolean cut = false;
    if (!first) {
      absdiff(current, previous, diff);
      cut = mean(diff).get(0) > CUT_THRESHOLD;
    }
    first = false;
    Mat swap = previous;
    previous = current;
    current = swap;
    return cut;
  }

  @Override
  public void close() {
    sampled.close();
    small.close();
    previous.close();
    current.close();
    diff.close();
  }
}
