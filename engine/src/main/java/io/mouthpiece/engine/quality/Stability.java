package io.mouthpiece.engine.quality;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Flicker in the re-rendered region. In: source and output frames (BGR, CV_8UC3, same size) in
 * time order, with a mask of the re-rendered region (CV_8U, non-zero inside; may move with the
 * face, one per frame). Out: the mean absolute change from the previous frame inside the current
 * mask, in 8-bit levels averaged over the three channels, for the source and for the output, and
 * their ratio. The source's own change is the motion that belongs there; a ratio well above 1 is
 * flicker or jumping exemplars. Keeps only the previous pair of frames.
 */
public final class Stability implements AutoCloseable {
  private Mat previousSource;
  private Mat previousOutput;
  private double sourceSum;
  private double outputSum;
  private long pixels;
  private int frames;

  /**
   * The measure.
   *
   * @param sourceChangeLevels the source's mean absolute frame-to-frame change inside the mask
   * @param outputChangeLevels the output's
   * @param framePairs pairs of consecutive frames measured
   */
  public record Result(double sourceChangeLevels, double outputChangeLevels, int framePairs) {
    /** Output change over source change: 1 is as steady as the original; NaN if the source never changes. */
    public double ratio() {
      return sourceChangeLevels > 0 ? outputChangeLevels / sourceChangeLevels : Double.NaN;
    }
  }

  /** The measure over whole sequences with one fixed mask. */
  public static Result measure(List<Mat> sourceBgr, List<Mat> outputBgr, Mat mask) {
    if (sourceBgr.size() != outputBgr.size()) {
      throw new IllegalArgumentException("sequences of different lengths: " + sourceBgr.size() + " and " + outputBgr.size());
    }
    try (Stability s = new Stability()) {
      for (int i = 0; i < sourceBgr.size(); i++) {
        s.accept(sourceBgr.get(i), outputBgr.get(i), mask);
      }
      return s.result();
    }
  }

  /** The next frame of both sequences and the region re-rendered in it. The Mats stay the caller's. */
  public void accept(Mat sourceBgr, Mat outputBgr, Mat mask) {
    if (sourceBgr.cols() != outputBgr.cols() || sourceBgr.rows() != outputBgr.rows()
        || mask.cols() != sourceBgr.cols() || mask.rows() != sourceBgr.rows()) {
      throw new IllegalArgumentException("source, output and mask must be the same size");
    }
    if (previousSource != null) {
      int inside = countNonZero(mask);
      if (inside > 0) {
        // mean() over the mask averages per channel; weigh each frame by its mask's area.
        sourceSum += meanAbsChange(sourceBgr, previousSource, mask) * inside;
        outputSum += meanAbsChange(outputBgr, previousOutput, mask) * inside;
        pixels += inside;
        frames++;
      }
      previousSource.close();
      previousOutput.close();
    }
    previousSource = sourceBgr.clone();
    previousOutput = outputBgr.clone();
  }

  /** The measure of the frames so far. */
  public Result result() {
    return pixels == 0 ? new Result(Double.NaN, Double.NaN, 0)
        : new Result(sourceSum / pixels, outputSum / pixels, frames);
  }

  private static double meanAbsChange(Mat current, Mat previous, Mat mask) {
    try (Mat diff = new Mat()) {
      absdiff(current, previous, diff);
      Scalar m = mean(diff, mask);
      int channels = current.channels();
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += m.get(c);
      }
      return sum / channels;
    }
  }

  @Override
  public void close() {
    if (previousSource != null) {
      previousSource.close();
      previousOutput.close();
      previousSource = null;
      previousOutput = null;
    }
  }
}
