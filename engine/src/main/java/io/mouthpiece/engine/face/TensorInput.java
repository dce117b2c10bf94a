package io.mouthpiece.engine.face;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a region of a BGR frame into a square RGB float tensor: a crop/letterbox by an affine
 * map (crop pixels to frame pixels), then {@code value × scale + offset} per channel. One per
 * model, reused frame after frame, so no buffer is allocated per call.
 */
final class TensorInput implements AutoCloseable {
  private final int size;
  private final double scale;
  private final double offset;
  private final Mat transform = new Mat(2, 3, CV_64F);
  private final Mat patch = new Mat();
  private final Mat rgb = new Mat();
  private final Mat floats;
  private final ByteBuffer buffer;

  TensorInput(int size, double scale, double offset) {
    this.size = size;
    this.scale = scale;
    this.offset = offset;
    this.floats = new Mat(size, size, CV_32FC3);
    this.buffer = ByteBuffer.allocateDirect(size * size * 3 * 4).order(ByteOrder.nativeOrder());
  }

  int size() {
    return size;
  }

  /** Fills the tensor from {@code frame} through the crop-to-frame map; returns the buffer. */
  ByteBuffer fill(Mat frame, double[] cropToFrame) {
    DoubleIndexer m = transform.createIndexer();
    for (int i = 0; i < 6; i++) {
      m.put(i / 3, i % 3, cropToFrame[i]);
    }
    m.release();
    warpAffine(frame, patch, transform, new Size(size, size), INTER_LINEAR | WARP_INVERSE_MAP,
        BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
    cvtColor(patch, rgb, COLOR_BGR2RGB);
    rgb.convertTo(floats, CV_32FC3, scale, offset);
    FloatBuffer src = floats.createBuffer();
    buffer.clear();
    buffer.asFloatBuffer().put(src);
    buffer.rewind();
    return buffer;
  }

  @Override
  public void close() {
    transform.close();
    patch.close();
    rgb.close();
    floats.close();
  }
}
