package io.mouthpiece.app.eval;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.Seam;
import io.mouthpiece.engine.quality.Stability;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The region a re-rendered mouth occupies, as the evaluation sees it from outside the engine: an
 * ellipse round the measured mouth, about the size of the renderer's mask. Steadiness and seams
 * are measured in it.
 */
final class MouthRegion {
  private MouthRegion() {}

  /**
   * {output change / source change, output seam ratio, source seam ratio} over the frames where the
   * output's face is measured.
   */
  static double[] stabilityAndSeam(Path source, Path output, ApertureTrack outputTrack) throws MediaException {
    double seamOut = 0;
    double seamSrc = 0;
    int n = 0;
    try (VideoReader a = VideoReader.open(source); VideoReader b = VideoReader.open(output); Stability stability = new Stability()) {
      for (int i = 0; ; i++) {
        Optional<VideoFrame> fa = a.read();
        Optional<VideoFrame> fb = b.read();
        if (fa.isEmpty() || fb.isEmpty()) {
          break;
        }
        try (VideoFrame x = fa.get(); VideoFrame y = fb.get()) {
          if (i >= outputTrack.size() || !outputTrack.hasFace(i)) {
            continue;
          }
          try (Mat mask = mask(y.bgr(), outputTrack, i)) {
            stability.accept(x.bgr(), y.bgr(), mask);
            seamOut += Seam.measure(y.bgr(), mask).ratio();
            seamSrc += Seam.measure(x.bgr(), mask).ratio();
            n++;
          }
        }
      }
      return new double[] {stability.result().ratio(), n == 0 ? Double.NaN : seamOut / n, n == 0 ? Double.NaN : seamSrc / n};
    }
  }

  private static Mat mask(Mat frame, ApertureTrack t, int i) {
    Mat m = new Mat(frame.rows(), frame.cols(), CV_8U, new Scalar(0));
    double iod = t.interocularPx()[i];
    Point centre = new Point((int) Math.round(t.mouthXPx()[i]), (int) Math.round(t.mouthYPx()[i] + 0.15 * iod));
    ellipse(m, centre, new Size((int) Math.round(0.75 * iod), (int) Math.round(0.55 * iod)), 0, 0, 360, new Scalar(255),
        FILLED, 8, 0);
    return m;
  }
}
