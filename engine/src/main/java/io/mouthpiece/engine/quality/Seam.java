package io.mouthpiece.engine.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A visible edge where the re-rendered region meets the frame. In: one frame (BGR, CV_8UC3) and
 * the mask of the re-rendered region (CV_8U, non-zero inside, same size). Out: the mean gradient
 * magnitude (Sobel, grey levels per pixel) on a thin band along the mask's border, and the mean
 * inside the mask away from the border. A pasted patch whose colour or texture does not match
 * adds an edge along the border: the ratio rises. Faces have edges of their own (lips, chin), so
 * read the output's ratio beside the source's, measured with the same mask.
 */
public final class Seam {
  /** The band reaches this far either side of the mask's border. */
  public static final int BAND_PX = 2;

  private Seam() {}

  /**
   * The measure of one frame.
   *
   * @param borderGradientLevels mean gradient magnitude (grey levels per pixel) on the band along the border
   * @param insideGradientLevels the same inside the mask, at least 2 bands from its border
   */
  public record Result(double borderGradientLevels, double insideGradientLevels) {
    /** Border over inside: high when there is a seam; NaN when the inside is flat or empty. */
    public double ratio() {
      return insideGradientLevels > 0 ? borderGradientLevels / insideGradientLevels : Double.NaN;
    }
  }

  /** Measures the seam of the region {@code mask} in {@code bgr}. */
  public static Result measure(Mat bgr, Mat mask) {
    if (mask.cols() != bgr.cols() || mask.rows() != bgr.rows()) {
      throw new IllegalArgumentException("the mask must be the size of the frame");
    }
    try (Mat grey = new Mat();
        Mat gx = new Mat();
        Mat gy = new Mat();
        Mat gradient = new Mat();
        Mat bandKernel = getStructuringElement(MORPH_ELLIPSE, new Size(2 * BAND_PX + 1, 2 * BAND_PX + 1));
        Mat insideKernel = getStructuringElement(MORPH_ELLIPSE, new Size(4 * BAND_PX + 1, 4 * BAND_PX + 1));
        Mat grown = new Mat();
        Mat shrunk = new Mat();
        Mat band = new Mat();
        Mat inside = new Mat()) {
      cvtColor(bgr, grey, COLOR_BGR2GRAY);
      // Sobel's 3x3 kernel sums to 4x the step: divide, so a step of 40 levels reads about 40.
      Sobel(grey, gx, CV_32F, 1, 0, 3, 0.25, 0, org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE);
      Sobel(grey, gy, CV_32F, 0, 1, 3, 0.25, 0, org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE);
      magnitude(gx, gy, gradient);
      dilate(mask, grown, bandKernel);
      erode(mask, shrunk, bandKernel);
      subtract(grown, shrunk, band);
      erode(mask, inside, insideKernel);
      double border = countNonZero(band) == 0 ? Double.NaN : mean(gradient, band).get(0);
      double interior = countNonZero(inside) == 0 ? Double.NaN : mean(gradient, inside).get(0);
      return new Result(border, interior);
    }
  }
}
