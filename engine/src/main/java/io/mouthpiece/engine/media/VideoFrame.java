package io.mouthpiece.engine.media;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture: packed BGR pixels at the source resolution, with its presentation time.
 * The frame owns its pixels; {@link #close()} frees them.
 *
 * @param index 0-based position in decode order (which is presentation order after decoding)
 * @param timestampUs presentation time in microseconds from the start of the file
 */
public record VideoFrame(int index, long timestampUs, Mat bgr) implements AutoCloseable {
  public int width() {
    return bgr.cols();
  }

  public int height() {
    return bgr.rows();
  }

  @Override
  public void close() {
    bgr.close();
  }
}
