package io.mouthpiece.engine.media;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture at the source resolution, with its presentation time, in one of two
 * layouts: packed BGR (what analysis looks at) or I420 (what the encoder takes, so frames that
 * are only re-encoded need no colour conversion at all). The frame owns its pixels until
 * {@link #close()}, which frees them or hands them back to the reader for the next frame.
 */
public final class VideoFrame implements AutoCloseable {
  /** How a frame's pixels are laid out in its {@link Mat}. */
  public enum Layout {
    /** height rows of width × 3 bytes. */
    BGR,
    /** The Y plane (height rows of width bytes), then U and V (each height/2 × width/2): height × 3/2 rows. */
    I420
  }

  private final int index;
  private final long timestampUs;
  private final Mat pixels;
  private final Layout layout;
  private final FramePool pool;
  private boolean closed;

  /**
   * @param index 0-based position in decode order (which is presentation order after decoding)
   * @param timestampUs presentation time in microseconds from the start of the file
   */
  public VideoFrame(int index, long timestampUs, Mat bgr) {
    this(index, timestampUs, bgr, Layout.BGR, null);
  }

  VideoFrame(int index, long timestampUs, Mat pixels, Layout layout, FramePool pool) {
    this.index = index;
    this.timestampUs = timestampUs;
    this.pixels = pixels;
    this.layout = layout;
    this.pool = pool;
  }

  public int index() {
    return index;
  }

  public long timestampUs() {
    return timestampUs;
  }

  public Layout layout() {
    return layout;
  }

  /** The pixels in this frame's {@link #layout()}. */
  public Mat pixels() {
    return pixels;
  }

  /** The BGR pixels; only for a frame decoded as BGR. */
  public Mat bgr() {
    if (layout != Layout.BGR) {
      throw new IllegalStateException("frame " + index + " is " + layout + ", not BGR");
    }
    return pixels;
  }

  public int width() {
    return pixels.cols();
  }

  public int height() {
    return layout == Layout.BGR ? pixels.rows() : pixels.rows() * 2 / 3;
  }

  /**
   * A copy of this picture under another index and time, owning pixels of its own: a source
   * frame shown again, or shown at another time, on a timeline of its own (a looped video).
   */
  public VideoFrame copy(int index, long timestampUs) {
    return new VideoFrame(index, timestampUs, pixels.clone(), layout, null);
  }

  @Override
  public void close() {
    if (closed) {
      return; // twice would hand the same buffer to two frames
    }
    closed = true;
    if (pool != null) {
      pool.giveBack(pixels);
    } else {
      pixels.close();
    }
  }
}
