package io.mouthpiece.engine.media;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frame-sized pixel buffers used again and again: frames are megabytes, and a fresh one per frame
 * costs a page fault per 4 kB (the launcher has glibc map every large block afresh). Buffers are
 * taken on the decoding thread and given back from whichever thread closes the frame; once the
 * pool is closed, buffers given back are freed.
 */
final class FramePool implements AutoCloseable {
  private final int rows;
  private final int cols;
  private final int type;
  private final BlockingQueue<Mat> free;
  private volatile boolean closed;

  FramePool(int rows, int cols, int type, int capacity) {
    this.rows = rows;
    this.cols = cols;
    this.type = type;
    this.free = new ArrayBlockingQueue<>(capacity);
  }

  /** A buffer of the pool's size and type, with whatever pixels it last held. */
  Mat take() {
    Mat m = free.poll();
    return m != null ? m : new Mat(rows, cols, type);
  }

  /** Takes a buffer back for a later frame; frees it if the pool is full or closed. */
  void giveBack(Mat m) {
    if (closed || !free.offer(m)) {
      m.close();
      return;
    }
    if (closed && free.remove(m)) {
      m.close(); // closed meanwhile: close() may have drained the queue before this buffer came
    }
  }

  @Override
  public void close() {
    closed = true;
    Mat m;
    while ((m = free.poll()) != null) {
      m.close();
    }
  }
}
