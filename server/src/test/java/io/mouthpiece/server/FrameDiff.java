package io.mouthpiece.server;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How two BGR frames of one size differ: the share of pixels changed outright (a channel by more
 * than 96 of 255: far above what re-encoding changes, far below text against its background) in the
 * lower right corner (right half, bottom eighth) and in the rest, and the rest's mean absolute
 * difference per byte. For telling a marked copy from its original.
 */
record FrameDiff(double cornerChanged, double restChanged, double restMeanAbs) {
  static FrameDiff of(Mat p, Mat q) {
    int w = p.cols();
    int h = p.rows();
    byte[] pb = bytes(p);
    byte[] qb = bytes(q);
    long corner = 0;
    long cornerChanged = 0;
    long rest = 0;
    long restChanged = 0;
    long restAbs = 0;
    for (int row = 0; row < h; row++) {
      boolean bottom = row >= h - h / 8;
      for (int col = 0; col < w; col++) {
        int i = (row * w + col) * 3;
        int most = 0;
        int sum = 0;
        for (int c = 0; c < 3; c++) {
          int diff = Math.abs((pb[i + c] & 0xff) - (qb[i + c] & 0xff));
          most = Math.max(most, diff);
          sum += diff;
        }
        if (bottom && col >= w / 2) {
          corner++;
          cornerChanged += most > 96 ? 1 : 0;
        } else {
          rest++;
          restChanged += most > 96 ? 1 : 0;
          restAbs += sum;
        }
      }
    }
    return new FrameDiff((double) cornerChanged / corner, (double) restChanged / rest, (double) restAbs / (rest * 3));
  }

  private static byte[] bytes(Mat m) {
    Mat packed = m.isContinuous() ? m : m.clone();
    byte[] b = new byte[(int) (packed.total() * packed.elemSize())];
    packed.data().get(b);
    return b;
  }
}
