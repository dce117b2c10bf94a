package io.mouthpiece.engine.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class StabilityAndSeamTest {
  private static final int SIZE = 120;

  /** A smooth pattern, 50..190 levels, plus {@code offset}; {@code extraInside} added where the mask is set. */
  private static Mat pattern(int offset, Mat mask, int extraInside, Random flicker) {
    Mat m = new Mat(SIZE, SIZE, CV_8UC3);
    try (UByteIndexer px = m.createIndexer(); UByteIndexer in = mask.createIndexer()) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          int inside = in.get(y, x) != 0 ? extraInside + (flicker == null ? 0 : flicker.nextInt(21) - 10) : 0;
          int v = (int) Math.round(120 + 35 * Math.sin(x / 7.0) + 35 * Math.cos(y / 9.0)) + offset + inside;
          for (int c = 0; c < 3; c++) {
            px.put(y, x, c, Math.max(0, Math.min(255, v + 10 * c)));
          }
        }
      }
    }
    return m;
  }

  private static Mat disc() {
    Mat mask = new Mat(SIZE, SIZE, CV_8U, new Scalar(0));
    circle(mask, new Point(SIZE / 2, SIZE / 2), 35, new Scalar(255), FILLED, 8, 0);
    return mask;
  }

  @Test
  void steadyOutputMatchesTheSourceAndFlickerRaisesTheRatio() {
    Mat mask = disc();
    Mat none = new Mat(SIZE, SIZE, CV_8U, new Scalar(0));
    List<Mat> source = new ArrayList<>();
    List<Mat> flickering = new ArrayList<>();
    List<Mat> changedOutsideOnly = new ArrayList<>();
    Random random = new Random(2);
    for (int i = 0; i < 10; i++) {
      source.add(pattern(2 * i, none, 0, null)); // the whole picture brightens 2 levels a frame
      flickering.add(pattern(2 * i, mask, 0, random));
      Mat outside = pattern(2 * i, none, 0, null);
      outside.apply(new org.bytedeco.opencv.opencv_core.Rect(0, 0, 10, 10)).setTo(new Mat(1, 1, CV_8UC3, new Scalar(i * 20, 0, 0, 0)));
      changedOutsideOnly.add(outside);
    }
    Stability.Result same = Stability.measure(source, source, mask);
    assertEquals(2.0, same.sourceChangeLevels(), 1e-9);
    assertEquals(1.0, same.ratio(), 1e-9);
    assertEquals(9, same.framePairs());
    assertEquals(1.0, Stability.measure(source, changedOutsideOnly, mask).ratio(), 1e-9);
    Stability.Result flicker = Stability.measure(source, flickering, mask);
    assertTrue(flicker.ratio() > 2, "flicker ratio " + flicker.ratio());
  }

  @Test
  void aPatchOfAnotherBrightnessShowsItsSeam() {
    Mat mask = disc();
    Mat none = new Mat(SIZE, SIZE, CV_8U, new Scalar(0));
    Seam.Result seamless = Seam.measure(pattern(0, none, 0, null), mask);
    Seam.Result pasted = Seam.measure(pattern(0, mask, 40, null), mask);
    System.out.printf("seam ratio: seamless %.2f, patch 40 levels brighter %.2f%n", seamless.ratio(), pasted.ratio());
    assertTrue(seamless.ratio() > 0.5 && seamless.ratio() < 2, "seamless ratio " + seamless.ratio());
    assertTrue(pasted.ratio() > 2 * seamless.ratio(), "pasted " + pasted.ratio() + " vs seamless " + seamless.ratio());
    // Inside the patch the texture is the same, so the inside gradient does not change.
    assertEquals(seamless.insideGradientLevels(), pasted.insideGradientLevels(), 0.5);
  }
}
