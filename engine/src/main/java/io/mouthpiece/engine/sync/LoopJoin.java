package io.mouthpiece.engine.sync;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Where a loop starts again. In: the video and its frame count. Out: the frame the loop plays
 * after the last one: the one most like the last among the video's first half (so a loop shows at
 * least half of it), so the join looks like one frame's motion. Starting again at frame 0 jumps by however far the
 * camera and the head moved over the whole video: on retalking_face2.mp4 the last frame differs
 * from the first by 3.8 grey levels on average, the largest step between neighbours is 1.5, and
 * the best join found here 1.5. Frames are compared as small grey thumbnails (the whole picture:
 * background and head alike), decoded once more for this; only the first half's thumbnails and
 * the last are kept (4 kB each).
 */
final class LoopJoin {
  /** The thumbnails' width: enough to see a camera or head move of a few pixels at full size, little to compare. */
  private static final int THUMB_WIDTH = 64;

  private LoopJoin() {}

  /** The frame to play after the last; 0 for a video of fewer than 4 frames, or one whose start follows its end best. */
  static int restartFrame(Path video, int frames) throws MediaException {
    if (frames < 4) {
      return 0;
    }
    int half = frames / 2;
    int last = frames - 1;
    List<Mat> thumbs = new ArrayList<>();
    Mat lastThumb = null;
    try (ReadAhead reader = new ReadAhead(VideoReader.open(video), i -> i < half || i == last)) {
      Optional<VideoFrame> next;
      while ((next = reader.read()).isPresent()) {
        try (VideoFrame f = next.get()) {
          Mat t = thumb(f.bgr());
          if (f.index() == last) {
            lastThumb = t;
          } else {
            thumbs.add(t);
          }
        }
      }
      if (lastThumb == null) {
        return 0; // fewer frames than the analysis saw: the render pass reports that
      }
      int best = 0;
      double bestDiff = Double.MAX_VALUE;
      // The join is the step from the last frame to frame k: the smallest wins, the start on a tie.
      for (int k = 0; k < thumbs.size(); k++) {
        double d = meanAbsDiff(thumbs.get(k), lastThumb);
        if (d < bestDiff) {
          bestDiff = d;
          best = k;
        }
      }
      return best;
    } finally {
      thumbs.forEach(Mat::close);
      if (lastThumb != null) {
        lastThumb.close();
      }
    }
  }

  private static Mat thumb(Mat bgr) {
    try (Mat grey = new Mat()) {
      cvtColor(bgr, grey, COLOR_BGR2GRAY);
      Mat small = new Mat();
      resize(grey, small, new Size(THUMB_WIDTH, Math.max(1, THUMB_WIDTH * bgr.rows() / bgr.cols())), 0, 0, INTER_AREA);
      return small;
    }
  }

  private static double meanAbsDiff(Mat a, Mat b) {
    try (Mat d = new Mat()) {
      absdiff(a, b, d);
      return sumElems(d).get(0) / d.total();
    }
  }
}
