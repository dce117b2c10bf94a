package io.mouthpiece.engine.render;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Working images reused from frame to frame, one set per thread. Drawing a mouth needs several
 * region-sized images (up to 1-2 MB each: the mask, the placed exemplar, the blend's weights, the
 * lip closer's maps); allocated afresh per frame, each is a fresh mapping
 * the kernel faults in page by page (the launcher has glibc map every large block), seconds of
 * system time over a minute of video. A slot's buffer grows to the largest size asked of it and
 * is then used for every smaller image; {@link #mat} hands out a header over it, which the caller
 * closes (the buffer stays).
 */
final class ScratchMats {
  /**
   * The images of one mouth drawing, each with a buffer of its own: all of them are in use at once
   * within a frame, across {@link MouthCompositor}, {@link ExemplarWarp} and
   * {@link ColourMatchedBlend}, so no two may share one.
   */
  enum Slot {
    // Region-sized: the mask (8-bit, then as blend weights) and the placed exemplar.
    MASK_8U, MASK_WEIGHTS, WARPED,
    // The exemplar's window as BGR.
    WINDOW,
    // Region-sized, the blend: the colour-shifted exemplar and the frame's own weights.
    SHIFTED, REST,
    // Quarter-sized, the colour match: region, exemplar and mask, and the soft edge's weights.
    EDGE_REGION_8U, EDGE_WARPED_8U, EDGE_MASK, EDGE_REGION, EDGE_WARPED, EDGE_WEIGHT,
    // Region-sized, the lip closer's sampling maps.
    MAP_X, MAP_Y,
    // Quarter-sized, the soft edge's weights for three channels.
    EDGE_WEIGHT_3
  }

  private static final ThreadLocal<ScratchMats> PER_THREAD = ThreadLocal.withInitial(ScratchMats::new);

  private final BytePointer[] buffers = new BytePointer[Slot.values().length];

  private ScratchMats() {}

  static ScratchMats ofThisThread() {
    return PER_THREAD.get();
  }

  /** A rows × cols image of {@code type} over {@code slot}'s buffer, with whatever it last held. */
  Mat mat(Slot slot, int rows, int cols, int type) {
    long bytes = (long) rows * cols * bytesPerPixel(type);
    BytePointer buffer = buffers[slot.ordinal()];
    if (buffer == null || buffer.capacity() < bytes) {
      if (buffer != null) {
        buffer.close();
      }
      // A little headroom: the box a mouth is drawn in changes size by a few pixels per frame.
      buffer = new BytePointer(bytes + bytes / 4);
      buffers[slot.ordinal()] = buffer;
    }
    return new Mat(rows, cols, type, buffer);
  }

  /** OpenCV's CV_ELEM_SIZE: channels × bytes of the depth (8U, 8S, 16U, 16S, 32S, 32F, 64F, 16F). */
  private static int bytesPerPixel(int type) {
    int[] depthBytes = {1, 1, 2, 2, 4, 4, 8, 2};
    return ((type >> 3) + 1) * depthBytes[type & 7];
  }
}
