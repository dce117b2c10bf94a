package io.mouthpiece.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Views of the Y, U and V planes of a packed I420 picture (Y, then U and V at half size each way). */
final class I420Planes {
  private I420Planes() {}

  /**
   * Plane {@code plane} (0 Y, 1 U, 2 V) of the {@code width} × {@code height} picture packed in
   * {@code packed}, as a view over its bytes; the caller closes the view.
   */
  static Mat plane(Mat packed, int width, int height, int plane) {
    int div = plane == 0 ? 1 : 2;
    long offset = plane == 0 ? 0 : (long) width * height + (plane - 1) * ((long) width * height / 4);
    return new Mat(height / div, width / div, CV_8UC1, new BytePointer(packed.data()).position(offset), width / div);
  }
}
